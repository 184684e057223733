using MudBlazor;
using PharmacyPos.Domain.Compliance;
using PharmacyPos.Domain.Prescriptions;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Web.Features.Counter.Register;
using PharmacyPos.Web.Features.Pharmacy.Components;
using PharmacyPos.Web.Features.Pharmacy.Notifications;

namespace PharmacyPos.Web.Features.Pharmacy.Counter;

/// <summary>
/// Prescription pickup at the register: the fills the cashier chose in the <see cref="PickupPanel"/> are offered
/// counseling (the answer recorded per fill); a patient who accepts, or a new prescription where the branch's state
/// requires counseling, brings the pharmacist to the counter (notified on their screen), who records the counseling
/// with their own password. Then the fills go on the sale at their copays.
/// </summary>
public sealed class PickupAtCounter(PickupDesk desk, CounterAsk ask, PharmacyNotifier notifier, TimeProvider time)
{
    /// <summary>Opens the panel (with a scanned bag label, if any) and adds what the cashier chose. Returns a refusal, or null.</summary>
    public async Task<string?> PickUpAsync(RegisterSession session, string? scannedCode, CancellationToken ct = default)
    {
        var chosen = await ask.AskAsync<PickupPanel, PickupPanel.Chosen>("Prescriptions", new DialogParameters<PickupPanel>
        {
            { d => d.BranchId, session.Branch.Id },
            { d => d.Code, scannedCode },
        });
        if (chosen is null)
            return null;
        var loaded = await desk.LoadAsync(chosen.Fills.Select(f => f.FillId).ToList(), ct);
        var twice = loaded.Where(l => session.Sale.ActiveLines.Any(x => x.FillId == l.Fill.Id)).Select(l => l.Product.Name).FirstOrDefault();
        if (twice is not null)
            return $"{twice} for {chosen.Patient} is already on this sale.";
        if (session.Evidence.PatientId is { } other && other != chosen.PatientId && session.Sale.ActiveLines.Any(l => l.FillId is not null))
            return "This sale already hands over another patient's prescriptions; finish it first.";

        var drugs = string.Join(", ", loaded.Select(l => l.Product.Name));
        var answer = await ask.AskAsync<CounselingDialog, CounselingAnswer?>("Offer counseling", new DialogParameters<CounselingDialog>
        {
            { d => d.Patient, chosen.Patient },
            { d => d.Drugs, drugs },
        });
        if (answer is not { } said)
            return "Offer the patient counseling from the pharmacist and record their answer.";

        var now = time.GetUtcNow();
        var offers = loaded.Select(l => new CounselingOffer(l.Fill, session.CashierId, now, said)).ToList();
        var needs = loaded.Zip(offers, (l, o) => CounselingOffer.Check(session.Branch.Policy.Counseling, l.Fill, o)).ToList();
        var decision = ComplianceDecision.Strictest(needs);
        if (decision.IsRefused)
            return decision.Reason;
        if (decision.IsAwaitingApproval)
        {
            await notifier.RequestCounselingAsync(new CounselingRequest(session.Branch.Id, session.Register, chosen.Patient, drugs, now));
            var approval = await ask.AskAsync<PharmacistApprovalDialog, ComplianceApproval>("Pharmacist", new DialogParameters<PharmacistApprovalDialog>
            {
                { d => d.Decision, decision },
            });
            if (approval is null)
                return decision.Reason;
            foreach (var (offer, need) in offers.Zip(needs))
            {
                if (need.IsAwaitingApproval)
                    offer.RecordCounseling(approval.ApproverId, approval.At);
            }
            session.Evidence.Approvals.Add(approval);
        }

        session.Evidence.PatientId = chosen.PatientId;
        session.Evidence.Counseling.RemoveAll(o => offers.Any(n => n.FillId == o.FillId));
        session.Evidence.Counseling.AddRange(offers);
        foreach (var fill in loaded.Where(l => !session.Evidence.FillIds.Contains(l.Fill.Id)))
            session.Evidence.FillIds.Add(fill.Fill.Id);
        var added = await session.AddPrescriptionsAsync(loaded.Select(l => (l.Product, l.Fill.Id, l.Fill.PatientCopay)).ToList(), ct);
        return added ? null : session.Message?.Text;
    }
}
