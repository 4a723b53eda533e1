using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecordsVault.Infrastructure.Keys;
using RecordsVault.Infrastructure.Persistence;
using RecordsVault.Infrastructure.Storage;
using RecordsVault.Tests;

namespace RecordsVault.IntegrationTests.KeyRotation;

/// <summary>
/// When a disposed case becomes unrecoverable from backups: a copy of the database taken before its disposal still holds
/// the wrapped case key, and that key opens until the KEK version that wrapped it is retired; then never again.
/// </summary>
public sealed class BackupCopyTests
{
    [Fact]
    public async Task A_database_copy_from_before_disposal_opens_the_case_until_the_old_KEK_version_is_retired_and_never_after()
    {
        await using var vault = new RotationVault();
        var (caseId, recordId, content) = await vault.CaseAsync(archived: true);
        var container = new BlobServiceClient(TestEnvironment.AzuriteConnectionString).GetBlobContainerClient(vault.Factory.Container);
        string blobName;
        using (var scope = vault.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<VaultDbContext>();
            blobName = (await db.Records.SingleAsync(r => r.Id == recordId)).BlobName;
        }

        // The backups: the record's blob, and the database (a consistent copy of the SQLite file).
        var blobBackup = container.GetBlobClient("backup-" + blobName);
        await (await blobBackup.StartCopyFromUriAsync(container.GetBlobClient(blobName).Uri)).WaitForCompletionAsync();
        var databaseBackup = Path.Combine(vault.Factory.DataPath, "backup.db");
        using (var scope = vault.Factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<VaultDbContext>().Database.ExecuteSqlAsync($"VACUUM INTO {databaseBackup}");
        }

        await vault.RequestDisposalAsync(caseId);
        await vault.ApproveDisposalAsync(caseId);
        Assert.Null((await vault.CaseKeyAsync(caseId)).Wrapped);
        var (backupKekId, backupWrapped) = await BackedUpCaseKeyAsync(databaseBackup, caseId);

        // Positive control: disposal alone is not final against the backup; its key still opens the backed-up record.
        var keysPath = Path.Combine(vault.Factory.DataPath, "keys");
        Assert.Equal(content, await OpenBackupAsync(keysPath, caseId, backupKekId, backupWrapped, container, blobBackup.Name));

        var (old, _, _) = await vault.RotateAsync();
        Assert.Equal(old, backupKekId);
        Assert.Equal(content, await OpenBackupAsync(keysPath, caseId, backupKekId, backupWrapped, container, blobBackup.Name));

        Assert.Null(await vault.Rotation.RetireAsync(RotationVault.Actor, old, CancellationToken.None));

        // Restored onto this host (or any other with the keys folder as it is now), the backup's case key cannot be unwrapped.
        Assert.False(File.Exists(Path.Combine(keysPath, "kek.pem")));
        await Assert.ThrowsAsync<CryptographicException>(() => OpenBackupAsync(keysPath, caseId, backupKekId, backupWrapped, container, blobBackup.Name));
        await Assert.ThrowsAsync<CryptographicException>(() =>
            vault.Factory.Services.GetRequiredService<IKeyProvider>().UnwrapKeyAsync(backupKekId, backupWrapped, CancellationToken.None));
    }

    private static async Task<(string KekId, byte[] Wrapped)> BackedUpCaseKeyAsync(string databaseBackup, string caseId)
    {
        await using var connection = new SqliteConnection($"Data Source={databaseBackup};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "KekId", "WrappedKey" FROM "CaseKeys" WHERE "CaseId" = $id""";
        command.Parameters.AddWithValue("$id", caseId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), (byte[])reader.GetValue(1));
    }

    /// <summary>What a restore would do: a key provider on the keys folder unwraps the case key, which decrypts the record.</summary>
    private static async Task<byte[]> OpenBackupAsync(
        string keysPath, string caseId, string kekId, byte[] wrapped, BlobContainerClient container, string blobName)
    {
        using var provider = new LocalKeyProvider(keysPath);
        using var key = new CaseKeyEncryptionKey(CaseKeys.BlobKeyId(caseId), await provider.UnwrapKeyAsync(kekId, wrapped, CancellationToken.None));
        await using var read = await new AzureBlobRecordContentStore(container).OpenReadAsync(key, blobName, CancellationToken.None);
        using var plain = new MemoryStream();
        await read.CopyToAsync(plain);
        return plain.ToArray();
    }
}
