using RecordsVault.Core.Cases;
using RecordsVault.Infrastructure.Holds;
using RecordsVault.Infrastructure.Retention;

namespace RecordsVault.Api.Endpoints;

/// <summary>Builds the full view of a case: its holds and, once disposed, its certificate.</summary>
public sealed class CaseViews(HoldService holds, DispositionService dispositions)
{
    public async Task<CaseResponse> ViewAsync(Case c, CancellationToken cancellationToken)
    {
        var activeHolds = await holds.ActiveHoldIdsAsync(c.Id, cancellationToken);
        var certificate = c.Lifecycle == CaseLifecycle.Disposed ? await dispositions.FindCertificateAsync(c.Id, cancellationToken) : null;
        return CaseResponse.From(c, activeHolds, certificate);
    }
}
