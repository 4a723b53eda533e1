using RecordsVault.Core.Records;

namespace RecordsVault.UnitTests;

public class OwnershipRuleTests
{
    private static readonly DateOnly Release = new(2025, 3, 10);

    [Fact]
    public void Record_developed_the_day_before_release_is_OrrOwned() =>
        Assert.Equal(Ownership.OrrOwned, OwnershipRule.For(Release.AddDays(-1), Release));

    [Fact]
    public void Record_developed_on_the_release_date_is_Grantee() =>
        Assert.Equal(Ownership.Grantee, OwnershipRule.For(Release, Release));

    [Fact]
    public void Record_developed_after_release_is_Grantee() =>
        Assert.Equal(Ownership.Grantee, OwnershipRule.For(Release.AddYears(1), Release));
}
