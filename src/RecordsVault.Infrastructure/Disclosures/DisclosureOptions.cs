using System.ComponentModel.DataAnnotations;

namespace RecordsVault.Infrastructure.Disclosures;

/// <summary><c>Vault:Disclosures</c>: how long a named designee may fetch a packet.</summary>
public sealed class DisclosureOptions
{
    public const string Section = "Vault:Disclosures";

    [Range(1, 365)]
    public int DesigneeAccessDays { get; set; } = 30;
}
