using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Domain.Compliance;

/// <summary>
/// The record that a purchaser's age was checked for an age-restricted item: who checked, when, the date
/// of birth on the ID, the age it gives on the branch's local date, and whether it passed.
/// A person born on 29 February is a year older on 1 March in common years (<see cref="Age.OnDate"/>).
/// </summary>
public sealed record AgeCheck
{
    private AgeCheck() { }

    public Guid CheckedBy { get; private init; }
    public DateTimeOffset At { get; private init; }
    /// <summary>The branch's calendar date of the check, on which the age is counted.</summary>
    public DateOnly LocalDate { get; private init; }
    public DateOnly DateOfBirth { get; private init; }
    public int Age { get; private init; }
    public int MinimumAge { get; private init; }
    public bool Passed { get; private init; }

    public ComplianceDecision Decision => Passed
        ? ComplianceDecision.Allowed()
        : ComplianceDecision.Refused(
            $"The purchaser is {Age}; this item is sold only to people {MinimumAge} or older "
            + $"(they turn {MinimumAge} on {CounterText.Date(Shared.Age.ReachedOn(DateOfBirth, MinimumAge))}). Do not sell it.");

    /// <summary>Whether the register must ask for ID before selling this product at this branch.</summary>
    public static bool IsRequired(Product product, Branch branch) =>
        product.MinimumAge is not null && branch.Policy.AgeChecksEnabled;

    public static AgeCheck Perform(Product product, PhotoId id, DateTimeOffset at, Branch branch, Guid checkedBy) =>
        Perform(product, id.DateOfBirth, at, branch, checkedBy);

    public static AgeCheck Perform(Product product, DateOnly dateOfBirth, DateTimeOffset at, Branch branch, Guid checkedBy) =>
        Perform(product.MinimumAge ?? throw new DomainException($"{product.Name} has no age limit."), dateOfBirth, at, branch, checkedBy);

    /// <summary>Counts the age on the branch's local date at the instant of the check; a future date of birth is refused.</summary>
    public static AgeCheck Perform(int minimumAge, DateOnly dateOfBirth, DateTimeOffset at, Branch branch, Guid checkedBy)
    {
        if (minimumAge is < 1 or > Product.MaxMinimumAge)
            throw new ArgumentOutOfRangeException(nameof(minimumAge), minimumAge, "Not a minimum age.");
        if (checkedBy == Guid.Empty)
            throw new DomainException("Say who checked the ID.");
        var today = branch.LocalDate(at);
        var age = Shared.Age.OnDate(dateOfBirth, today);
        return new AgeCheck
        {
            CheckedBy = checkedBy,
            At = at.ToUniversalTime(),
            LocalDate = today,
            DateOfBirth = dateOfBirth,
            Age = age,
            MinimumAge = minimumAge,
            Passed = age >= minimumAge,
        };
    }

    /// <summary>
    /// What the rule says before any ID is seen: allowed when the item has no age limit or the branch has
    /// switched age checks off (noted for the audit), otherwise refused until an <see cref="AgeCheck"/> passes.
    /// </summary>
    public static ComplianceDecision Requirement(Product product, Branch branch) =>
        product.MinimumAge is null ? ComplianceDecision.Allowed()
        : branch.Policy.AgeChecksEnabled ? ComplianceDecision.Refused($"{product.Name} is sold only to people {product.MinimumAge} or older; check the purchaser's ID.")
        : ComplianceDecision.Allowed("Age checks are switched off at this branch.");
}
