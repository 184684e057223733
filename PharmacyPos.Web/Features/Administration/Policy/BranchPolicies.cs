using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Web.Infrastructure.Auditing;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Features.Administration.Policy;

/// <summary>Each branch's counter policy, as the Admin edits it. The domain keeps it within federal limits.</summary>
public sealed class BranchPolicies(IDbContextFactory<PosDbContext> factory, IAuditTrail audit)
{
    public sealed class Edit
    {
        public decimal DailyGrams { get; set; }
        public decimal ThirtyDayGrams { get; set; }
        public bool ShipsListedChemicals { get; set; }
        public bool ScheduleVOtcAllowed { get; set; }
        public decimal ScheduleVOpiumMilliliters { get; set; }
        public decimal ScheduleVOtherMilliliters { get; set; }
        public int ScheduleVOpiumDosageUnits { get; set; }
        public int ScheduleVOtherDosageUnits { get; set; }
        public bool AgeChecksEnabled { get; set; }
        public CounselingRule Counseling { get; set; }
        public decimal RefundApprovalThreshold { get; set; }

        public static Edit From(BranchPolicy p) => new()
        {
            DailyGrams = p.ListedChemicalDailyGrams,
            ThirtyDayGrams = p.ListedChemicalThirtyDayGrams,
            ShipsListedChemicals = p.ShipsListedChemicals,
            ScheduleVOtcAllowed = p.ScheduleVOtcSalesAllowed,
            ScheduleVOpiumMilliliters = p.ScheduleVOtcOpiumMilliliters,
            ScheduleVOtherMilliliters = p.ScheduleVOtcOtherMilliliters,
            ScheduleVOpiumDosageUnits = p.ScheduleVOtcOpiumDosageUnits,
            ScheduleVOtherDosageUnits = p.ScheduleVOtcOtherDosageUnits,
            AgeChecksEnabled = p.AgeChecksEnabled,
            Counseling = p.Counseling,
            RefundApprovalThreshold = p.RefundApprovalThreshold,
        };
    }

    public sealed record BranchRow(Guid Id, string Code, string Name, string StateCode, Edit Policy);

    public async Task<IReadOnlyList<BranchRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var branches = await db.Set<Branch>().AsNoTracking().OrderBy(b => b.Code).ToListAsync(ct);
        return branches.Select(b => new BranchRow(b.Id, b.Code, b.Name, b.StateCode, Edit.From(b.Policy))).ToList();
    }

    /// <summary>Applies the whole edit or nothing; returns the refusal in the Admin's words, or null when saved.</summary>
    public async Task<string?> SaveAsync(Guid branchId, Edit edit, AuditActor admin, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var branch = await db.Set<Branch>().SingleOrDefaultAsync(b => b.Id == branchId, ct);
        if (branch is null)
            return "That branch no longer exists.";
        var before = Edit.From(branch.Policy);
        try
        {
            branch.Policy.SetListedChemicalLimits(edit.DailyGrams, edit.ThirtyDayGrams);
            branch.Policy.SetShipsListedChemicals(edit.ShipsListedChemicals);
            branch.Policy.SetScheduleVOtc(edit.ScheduleVOtcAllowed, new Domain.Compliance.ScheduleVOtcLimits(
                edit.ScheduleVOpiumMilliliters, edit.ScheduleVOtherMilliliters, edit.ScheduleVOpiumDosageUnits, edit.ScheduleVOtherDosageUnits));
            branch.Policy.SetAgeChecks(edit.AgeChecksEnabled);
            if (!Enum.IsDefined(edit.Counseling))
                throw new DomainException("Choose a counseling rule.");
            branch.Policy.SetCounseling(edit.Counseling);
            branch.Policy.SetRefundApprovalThreshold(edit.RefundApprovalThreshold);
        }
        catch (DomainException refused)
        {
            return refused.Message;
        }
        var after = Edit.From(branch.Policy);
        audit.Stage(db, admin, new AuditEntry(AuditEventTypes.PolicyChanged, nameof(Branch), branch.Id.ToString())
        {
            Before = Json(before),
            After = Json(after),
        });
        await db.SaveChangesAsync(ct);
        return null;
    }

    private static string Json(Edit e) => Pharmacy.Checkout.PurchaserRecords.Json(new
    {
        listedChemicalDailyGrams = e.DailyGrams,
        listedChemicalThirtyDayGrams = e.ThirtyDayGrams,
        shipsListedChemicals = e.ShipsListedChemicals,
        scheduleVOtcSalesAllowed = e.ScheduleVOtcAllowed,
        scheduleVOtcOpiumMilliliters = e.ScheduleVOpiumMilliliters,
        scheduleVOtcOtherMilliliters = e.ScheduleVOtherMilliliters,
        scheduleVOtcOpiumDosageUnits = e.ScheduleVOpiumDosageUnits,
        scheduleVOtcOtherDosageUnits = e.ScheduleVOtherDosageUnits,
        ageChecksEnabled = e.AgeChecksEnabled,
        counseling = e.Counseling.ToString(),
        refundApprovalThreshold = e.RefundApprovalThreshold,
    });
}
