namespace PharmacyPos.Domain.Shared;

/// <summary>Dates in GS1 element strings: YYMMDD, GS1 General Specifications §7.12.</summary>
public static class Gs1Date
{
    public const int Length = 6;

    /// <summary>
    /// Reads YYMMDD. Day 00 means the month's last day (the label shows only a month).
    /// The century follows the GS1 sliding window around <paramref name="today"/>'s year.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> yymmdd, DateOnly today, out DateOnly date)
    {
        date = default;
        if (yymmdd.Length != Length) return false;
        foreach (var c in yymmdd)
            if (!char.IsAsciiDigit(c)) return false;
        var yy = Two(yymmdd, 0);
        var month = Two(yymmdd, 2);
        var day = Two(yymmdd, 4);
        if (month is < 1 or > 12) return false;
        var year = YearOf(yy, today.Year);
        var daysInMonth = DateTime.DaysInMonth(year, month);
        if (day == 0) day = daysInMonth;
        if (day > daysInMonth) return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>
    /// GS1 General Specifications §7.12, determination of century: when YY minus the current
    /// two-digit year is 51 to 99 the date is in the previous century; -99 to -50, the next
    /// century; otherwise the current one. So dates run from 49 years back to 50 years ahead.
    /// </summary>
    public static int YearOf(int twoDigitYear, int currentYear)
    {
        if (twoDigitYear is < 0 or > 99)
            throw new ArgumentOutOfRangeException(nameof(twoDigitYear), twoDigitYear, "A two-digit year is 0 to 99.");
        var century = currentYear / 100 * 100;
        var difference = twoDigitYear - currentYear % 100;
        if (difference >= 51) century -= 100;
        else if (difference <= -50) century += 100;
        return century + twoDigitYear;
    }

    private static int Two(ReadOnlySpan<char> text, int at) => (text[at] - '0') * 10 + (text[at + 1] - '0');
}
