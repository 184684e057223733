using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Patients;

/// <summary>A patient or customer known to the pharmacy.</summary>
public sealed class Patient : Entity
{
    public const int NameMaxLength = 80;

    private Patient() { }

    public Patient(string firstName, string lastName, DateOnly dateOfBirth, string phone, string address)
    {
        FirstName = Name(firstName, "first name");
        LastName = Name(lastName, "last name");
        DateOfBirth = dateOfBirth;
        Phone = (phone ?? string.Empty).Trim();
        Address = (address ?? string.Empty).Trim();
    }

    public string FirstName { get; private set; } = "";
    public string LastName { get; private set; } = "";
    public DateOnly DateOfBirth { get; private set; }
    public string Phone { get; private set; } = "";
    public string Address { get; private set; } = "";
    /// <summary>Loyalty card number, when the patient is a member (member prices apply).</summary>
    public string? LoyaltyNumber { get; private set; }

    public string FullName => $"{FirstName} {LastName}";

    public void JoinLoyalty(string number)
    {
        var n = (number ?? string.Empty).Trim();
        if (n.Length is < 4 or > 20) throw new DomainException("A loyalty number has 4 to 20 characters.");
        LoyaltyNumber = n;
    }

    private static string Name(string value, string what)
    {
        var v = (value ?? string.Empty).Trim();
        if (v.Length == 0) throw new DomainException($"The patient's {what} is required.");
        if (v.Length > NameMaxLength) throw new DomainException($"The patient's {what} is at most {NameMaxLength} characters.");
        return v;
    }
}
