using PharmacyPos.Domain.Compliance;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Domain.Staff;

namespace PharmacyPos.Domain.Prescriptions;

/// <summary>A person who writes prescriptions: a physician, dentist, nurse practitioner, physician assistant...</summary>
public sealed class Prescriber : Entity
{
    public const int NameMaxLength = 80;

    private Prescriber() { }

    /// <param name="dea">The DEA registration, needed only to prescribe controlled substances.</param>
    public Prescriber(string firstName, string lastName, Npi npi, DeaNumber? dea)
    {
        FirstName = Name(firstName, "first name");
        LastName = Name(lastName, "last name");
        if (npi == default)
            throw new DomainException("The prescriber's NPI is required.");
        Npi = npi;
        Dea = dea;
    }

    public string FirstName { get; private set; } = "";
    public string LastName { get; private set; } = "";
    public Npi Npi { get; private set; }
    public DeaNumber? Dea { get; private set; }

    public string FullName => $"{FirstName} {LastName}";
    public bool CanPrescribeControlledSubstances => Dea is not null;

    public void ChangeDea(DeaNumber? dea) => Dea = dea;

    /// <summary>
    /// A DEA number whose second letter is not the initial of the last name is a classic sign of a
    /// forged prescription, but names change (marriage), so the pharmacist decides rather than the register.
    /// </summary>
    public ComplianceDecision CheckDeaMatchesName()
    {
        if (Dea is not { } dea)
            return ComplianceDecision.Refused($"{FullName} has no DEA number on file and cannot prescribe controlled substances.");
        return dea.MatchesLastName(LastName)
            ? ComplianceDecision.Allowed()
            : ComplianceDecision.NeedsApproval(StaffRole.Pharmacist,
                $"DEA number {dea} does not match the prescriber's last name ({LastName}); a pharmacist must check it.");
    }

    private static string Name(string value, string what)
    {
        var v = (value ?? string.Empty).Trim();
        if (v.Length == 0) throw new DomainException($"The prescriber's {what} is required.");
        if (v.Length > NameMaxLength) throw new DomainException($"The prescriber's {what} is at most {NameMaxLength} characters.");
        return v;
    }
}
