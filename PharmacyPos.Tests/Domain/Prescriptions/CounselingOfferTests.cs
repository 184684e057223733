using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Prescriptions;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Domain.Staff;
using static PharmacyPos.Tests.Domain.Compliance.Counter;
using static PharmacyPos.Tests.Domain.Prescriptions.Rx;

namespace PharmacyPos.Tests.Domain.Prescriptions;

public class CounselingOfferTests
{
    private static (Fill New, Fill Refill, DateTimeOffset At) Fills()
    {
        var branch = Chicago();
        var at = Local(branch, 2028, 3, 1, 10, 0);
        var rx = Written(DeaSchedule.None, refills: 1, new DateOnly(2028, 3, 1));
        var first = Verified(Start(rx, branch, at), at);
        first.MarkPickedUp(Guid.CreateVersion7(), at.AddHours(1));
        var refill = Verified(Start(rx, branch, at.AddDays(30)), at.AddDays(30));
        return (first, refill, at);
    }

    [Fact]
    public void The_offer_must_be_made_and_recorded()
    {
        var (fill, _, _) = Fills();
        var decision = CounselingOffer.Check(CounselingRule.Offer, fill, offer: null);
        Assert.True(decision.IsRefused);
        Assert.Contains("Offer the patient counseling", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_patient_may_decline_where_the_rule_is_an_offer()
    {
        var (fill, _, at) = Fills();
        var decision = CounselingOffer.Check(CounselingRule.Offer, fill, new CounselingOffer(fill, Cashier, at, CounselingAnswer.Declined));
        Assert.True(decision.IsAllowed);
        Assert.Equal("The patient declined counseling.", decision.Reason);
    }

    [Fact]
    public void A_patient_who_accepts_waits_for_the_pharmacist()
    {
        var (fill, _, at) = Fills();
        var offer = new CounselingOffer(fill, Cashier, at, CounselingAnswer.Accepted);

        var before = CounselingOffer.Check(CounselingRule.Offer, fill, offer);
        offer.RecordCounseling(Pharmacist, at.AddMinutes(5));
        var after = CounselingOffer.Check(CounselingRule.Offer, fill, offer);

        Assert.True(before.IsAwaitingApproval);
        Assert.Equal(StaffRole.Pharmacist, before.ApproverRole);
        Assert.True(after.IsAllowed);
        Assert.Equal(Pharmacist, offer.CounseledBy);
    }

    [Fact]
    public void Where_counseling_is_required_a_new_prescription_waits_for_the_pharmacist_even_if_declined()
    {
        var (fill, _, at) = Fills();
        var offer = new CounselingOffer(fill, Cashier, at, CounselingAnswer.Declined);

        var decision = CounselingOffer.Check(CounselingRule.RequiredForNewPrescriptions, fill, offer);

        Assert.True(decision.IsAwaitingApproval);
        Assert.Contains("new prescription", decision.Reason, StringComparison.Ordinal);
        offer.RecordCounseling(Pharmacist, at.AddMinutes(3));
        Assert.True(CounselingOffer.Check(CounselingRule.RequiredForNewPrescriptions, fill, offer).IsAllowed);
    }

    [Fact]
    public void Where_counseling_is_required_a_refill_may_still_be_declined()
    {
        var (_, refill, at) = Fills();
        var offer = new CounselingOffer(refill, Cashier, at.AddDays(30), CounselingAnswer.Declined);
        Assert.Equal(1, offer.FillNumber);
        Assert.True(CounselingOffer.Check(CounselingRule.RequiredForNewPrescriptions, refill, offer).IsAllowed);
    }

    [Fact]
    public void Counseling_is_recorded_once()
    {
        var (fill, _, at) = Fills();
        var offer = new CounselingOffer(fill, Cashier, at, CounselingAnswer.Accepted);
        offer.RecordCounseling(Pharmacist, at.AddMinutes(1));
        Assert.Throws<DomainException>(() => offer.RecordCounseling(Pharmacist, at.AddMinutes(2)));
    }

    [Fact]
    public void An_offer_for_another_fill_is_not_accepted()
    {
        var (fill, refill, at) = Fills();
        Assert.Throws<ArgumentException>(() =>
            CounselingOffer.Check(CounselingRule.Offer, refill, new CounselingOffer(fill, Cashier, at, CounselingAnswer.Declined)));
    }
}
