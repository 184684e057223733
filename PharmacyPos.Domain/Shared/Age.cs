namespace PharmacyPos.Domain.Shared;

/// <summary>Ages in whole years, counted on the calendar (a person born on 29 February turns a year older on 1 March in common years).</summary>
public static class Age
{
    public static int OnDate(DateOnly dateOfBirth, DateOnly today)
    {
        if (dateOfBirth > today)
            throw new DomainException("The date of birth is in the future; check the ID.");
        var age = today.Year - dateOfBirth.Year;
        if (today.Month < dateOfBirth.Month || (today.Month == dateOfBirth.Month && today.Day < dateOfBirth.Day))
            age--;
        return age;
    }

    /// <summary>The age on the local calendar date at an instant in a time zone (the branch's): a birthday begins at local midnight.</summary>
    public static int At(DateOnly dateOfBirth, DateTimeOffset instant, TimeZoneInfo timeZone) =>
        OnDate(dateOfBirth, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, timeZone).DateTime));

    /// <summary>
    /// The first day on which a person is <paramref name="years"/> old. Someone born on 29 February
    /// reaches it on 1 March in a common year, as <see cref="OnDate"/> counts (not on 28 February).
    /// </summary>
    public static DateOnly ReachedOn(DateOnly dateOfBirth, int years)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(years);
        var year = dateOfBirth.Year + years;
        return dateOfBirth is { Month: 2, Day: 29 } && !DateTime.IsLeapYear(year)
            ? new DateOnly(year, 3, 1)
            : new DateOnly(year, dateOfBirth.Month, dateOfBirth.Day);
    }
}
