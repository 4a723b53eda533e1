using RecordsVault.Core.Cases;

namespace RecordsVault.UnitTests;

public class UsStatesTests
{
    [Theory]
    [InlineData("TX", true)]
    [InlineData("PR", true)]
    [InlineData("tx", false)]
    [InlineData("XX", false)]
    [InlineData("TEX", false)]
    [InlineData(null, false)]
    public void IsValid_accepts_only_capitalized_known_codes(string? code, bool expected) =>
        Assert.Equal(expected, UsStates.IsValid(code));
}
