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
}
