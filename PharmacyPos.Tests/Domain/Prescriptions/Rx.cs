using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Prescriptions;
using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Tests.Domain.Prescriptions;

/// <summary>Prescribers, prescriptions and fills the prescription tests share.</summary>
internal static class Rx
{
    public static readonly Guid Patient = Guid.CreateVersion7();
    public static readonly Guid Drug = Guid.CreateVersion7();
    public static readonly Guid Pharmacist = Guid.CreateVersion7();
    public static readonly Guid Cashier = Guid.CreateVersion7();

    public static Prescriber DrSmith() => new("Ann", "Smith", Npi.Parse("1234567893"), DeaNumber.Parse("FS1234563"));

    public static Prescription Written(DeaSchedule schedule, int refills, DateOnly writtenOn, DateOnly? today = null) =>
        new(Patient, DrSmith(), Drug, schedule, quantity: 30m, daysSupply: 30, refillsAuthorized: refills, writtenOn, today ?? writtenOn);

    public static Fill Start(Prescription prescription, Branch branch, DateTimeOffset at) =>
        prescription.StartFill(branch, 30m, Money.Of(42.50m), Money.Of(10m), at);

    /// <summary>Takes a fill through the pharmacist's check.</summary>
    public static Fill Verified(Fill fill, DateTimeOffset at)
    {
        fill.SubmitForVerification();
        fill.Verify(Pharmacist, at);
        return fill;
    }
}
