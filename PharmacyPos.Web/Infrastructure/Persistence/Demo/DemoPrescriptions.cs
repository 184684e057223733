using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Patients;
using PharmacyPos.Domain.Prescriptions;
using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Web.Infrastructure.Persistence.Demo;

/// <summary>
/// Prescribers, prescriptions and fills for the demo patients, in every state a pharmacist sees: being filled,
/// waiting for verification (a Schedule II among them), ready in a bin, and returned to stock.
/// Idempotent: nothing is added once a prescriber exists.
/// </summary>
public static class DemoPrescriptions
{
    /// <summary>Bag labels of the ready demo fills are printed from the fill id; see PickupCode.</summary>
    public static async Task SeedAsync(IDbContextFactory<PosDbContext> factory, TimeProvider time, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.Set<Prescriber>().AnyAsync(ct))
            return;
        var branches = await db.Set<Branch>().OrderBy(b => b.Code).ToListAsync(ct);
        var patients = await db.Set<Patient>().ToDictionaryAsync(p => p.LastName, ct);
        var products = await db.Set<Product>().Where(p => p.RxOnly).ToListAsync(ct);
        var pharmacists = await (from user in db.Users
                                 join userRole in db.UserRoles on user.Id equals userRole.UserId
                                 join role in db.Roles on userRole.RoleId equals role.Id
                                 where role.Name == Domain.Staff.StaffRole.Pharmacist
                                 select new { user.Id, user.HomeBranchId }).ToListAsync(ct);
        if (branches.Count < 2 || patients.Count == 0 || products.Count == 0 || pharmacists.Count == 0)
            return;

        var prescribers = new[]
        {
            new Prescriber("Helen", "Okafor", Npi.Parse("1234567893"), DeaNumber.Parse(Dea('B', 'O', "482915"))),
            new Prescriber("David", "Chen", Npi.Parse(NpiFrom("198765432")), DeaNumber.Parse(Dea('A', 'C', "731406"))),
            new Prescriber("Rosa", "Alvarez", Npi.Parse(NpiFrom("155501234")), DeaNumber.Parse(Dea('M', 'A', "260518"))),
            new Prescriber("Grace", "Whitfield", Npi.Parse(NpiFrom("176543210")), null),
        };
        db.AddRange(prescribers);

        var now = time.GetUtcNow();
        Product Drug(string name) => products.Where(p => p.Name.Contains(name, StringComparison.Ordinal)).OrderBy(p => p.Name.Length).First();
        Guid Pharmacist(Branch branch) => pharmacists.FirstOrDefault(p => p.HomeBranchId == branch.Id)?.Id ?? pharmacists[0].Id;

        void Add(Branch branch, string patient, Prescriber by, string drug, decimal quantity, int days, int refills,
            decimal price, decimal copay, FillStatus status, string? bin = null)
        {
            var product = Drug(drug);
            var prescription = new Prescription(patients[patient].Id, by, product.Id, product.Schedule, quantity, days, refills,
                branch.LocalDate(now).AddDays(-5), branch.LocalDate(now));
            var fill = prescription.StartFill(branch, quantity, Money.Of(price), Money.Of(copay), now.AddHours(-4));
            if (status != FillStatus.InProgress)
                fill.SubmitForVerification();
            if (status is FillStatus.ReadyForPickup or FillStatus.ReturnedToStock)
            {
                fill.Verify(Pharmacist(branch), now.AddHours(-3));
                if (bin is not null) fill.PlaceInBin(bin);
            }
            if (status == FillStatus.ReturnedToStock)
                fill.ReturnToStock(now.AddHours(-1));
            db.Add(prescription);
        }

        var (main, river) = (branches[0], branches[1]);
        Add(main, "Garcia", prescribers[3], "Lisinopril", 30, 30, 5, 9.00m, 4.00m, FillStatus.ReadyForPickup, "A-03");
        Add(main, "Garcia", prescribers[3], "Atorvastatin", 30, 30, 5, 15.00m, 5.00m, FillStatus.ReadyForPickup, "A-03");
        Add(main, "Smith", prescribers[1], "Amoxicillin", 21, 7, 0, 12.00m, 10.00m, FillStatus.ReadyForPickup, "B-14");
        Add(main, "Johnson", prescribers[0], "Oxycodone HCl", 30, 10, 0, 24.00m, 15.00m, FillStatus.ReadyForPickup, "C-02");
        Add(main, "Brown", prescribers[0], "Hydrocodone/Acetaminophen", 20, 5, 0, 22.00m, 12.00m, FillStatus.AwaitingVerification);
        Add(main, "Brown", prescribers[2], "Alprazolam", 30, 30, 2, 12.00m, 6.00m, FillStatus.AwaitingVerification);
        Add(main, "Baker", prescribers[1], "Albuterol HFA Inhaler", 1, 30, 3, 35.00m, 20.00m, FillStatus.AwaitingVerification);
        Add(main, "Johnson", prescribers[3], "Metformin HCl", 60, 30, 5, 8.00m, 3.00m, FillStatus.InProgress);
        Add(main, "Smith", prescribers[3], "Sertraline", 30, 30, 3, 10.00m, 5.00m, FillStatus.ReturnedToStock);
        Add(river, "Nguyen", prescribers[3], "Levothyroxine", 30, 30, 5, 11.00m, 4.00m, FillStatus.ReadyForPickup, "R-01");
        Add(river, "Khan", prescribers[2], "Zolpidem", 30, 30, 1, 14.00m, 7.00m, FillStatus.AwaitingVerification);
        Add(river, "Lee", prescribers[0], "Methylphenidate ER", 30, 30, 0, 60.00m, 25.00m, FillStatus.AwaitingVerification);
        Add(river, "Lee", prescribers[3], "Amlodipine", 30, 30, 5, 7.50m, 2.50m, FillStatus.ReadyForPickup, "R-07");
        await db.SaveChangesAsync(ct);
    }

    private static string NpiFrom(string nineDigits) => nineDigits + Npi.CheckDigit(nineDigits);

    private static string Dea(char registrantType, char nameLetter, string sixDigits) =>
        $"{registrantType}{nameLetter}{sixDigits}{DeaNumber.CheckDigit(sixDigits)}";
}
