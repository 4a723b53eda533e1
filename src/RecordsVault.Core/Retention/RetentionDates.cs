namespace RecordsVault.Core.Retention;

/// <summary>Calendar arithmetic for retention periods.</summary>
public static class RetentionDates
{
    /// <summary>
    /// Adds years and months, never landing early. When the day does not exist in the target month
    /// (29 February in a common year, 31 April), the result is the first day of the next month:
    /// 2024-02-29 plus three years is 2027-03-01, not 2027-02-28, so a file is never kept a day
    /// less than the rule says.
    /// </summary>
    public static DateOnly Add(DateOnly anchor, int years, int months)
    {
        var totalMonths = anchor.Year * 12 + (anchor.Month - 1) + years * 12 + months;
        var year = totalMonths / 12;
        var month = totalMonths % 12 + 1;
        return anchor.Day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, anchor.Day)
            : new DateOnly(year, month, 1).AddMonths(1);
    }
}
