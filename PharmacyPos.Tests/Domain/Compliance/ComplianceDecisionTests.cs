using PharmacyPos.Domain.Compliance;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Domain.Staff;

namespace PharmacyPos.Tests.Domain.Compliance;

public class ComplianceDecisionTests
{
    private static readonly DateTimeOffset Noon = new(2028, 3, 1, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_refusal_throws_its_reason_for_the_cashier()
    {
        var refused = ComplianceDecision.Refused("The purchaser is 17; this item is sold only to people 18 or older.");
        Assert.Equal(refused.Reason, Assert.Throws<DomainException>(refused.EnsureAllowed).Message);
        ComplianceDecision.Allowed().EnsureAllowed();
    }

    [Fact]
    public void Refusals_and_approvals_need_a_reason()
    {
        Assert.Throws<ArgumentException>(() => ComplianceDecision.Refused("  "));
        Assert.Throws<ArgumentException>(() => ComplianceDecision.NeedsApproval(StaffRole.Pharmacist, ""));
        Assert.Throws<ArgumentException>(() => ComplianceDecision.NeedsApproval("Janitor", "Call someone."));
    }

    [Fact]
    public void Only_the_named_role_can_approve()
    {
        var decision = ComplianceDecision.NeedsApproval(StaffRole.Pharmacist, "Call the pharmacist.");
        Assert.Equal("Only a pharmacist can approve this.",
            Assert.Throws<DomainException>(() => decision.ApproveBy(Guid.CreateVersion7(), StaffRole.Manager, Noon)).Message);

        var pharmacist = Guid.CreateVersion7();
        var approval = decision.ApproveBy(pharmacist, StaffRole.Pharmacist, Noon);
        Assert.Equal(pharmacist, approval.ApproverId);
        Assert.Same(decision, approval.Decision);
    }

    [Fact]
    public void A_refusal_cannot_be_overridden()
    {
        var refused = ComplianceDecision.Refused("The daily limit is reached.");
        var ex = Assert.Throws<DomainException>(() => refused.ApproveBy(Guid.CreateVersion7(), StaffRole.Pharmacist, Noon));
        Assert.Equal("This cannot be approved: The daily limit is reached.", ex.Message);
    }

    [Fact]
    public void The_strictest_decision_stops_the_sale()
    {
        var allowed = ComplianceDecision.Allowed();
        var approval = ComplianceDecision.NeedsApproval(StaffRole.Pharmacist, "Call the pharmacist.");
        var refused = ComplianceDecision.Refused("No.");
        Assert.Same(refused, ComplianceDecision.Strictest([allowed, approval, refused]));
        Assert.Same(approval, ComplianceDecision.Strictest([allowed, approval]));
        Assert.True(ComplianceDecision.Strictest([]).IsAllowed);
    }

    [Fact]
    public void Reads_as_a_sentence_in_the_audit_trail() =>
        Assert.Equal("Needs a pharmacist's approval: Call the pharmacist.",
            ComplianceDecision.NeedsApproval(StaffRole.Pharmacist, "Call the pharmacist.").ToString());
}
