using PharmacyPos.Domain.Shared;
using PharmacyPos.Domain.Staff;

namespace PharmacyPos.Domain.Compliance;

/// <summary>
/// The answer of one counter rule (a listed-chemical limit, an age check, Schedule V, counseling),
/// with a reason the register shows as it is and the audit trail records word for word.
/// Decisions cannot be edited after they are made: <c>with</c> cannot change them.
/// </summary>
public sealed record ComplianceDecision
{
    public const int ReasonMaxLength = 500;

    private ComplianceDecision() { }

    public ComplianceOutcome Outcome { get; private init; }
    /// <summary>Why, in the cashier's words. Empty only for a plain "allowed".</summary>
    public string Reason { get; private init; } = "";
    /// <summary>The staff role that must approve (see <see cref="StaffRole"/>); set only when approval is needed.</summary>
    public string? ApproverRole { get; private init; }

    public bool IsAllowed => Outcome == ComplianceOutcome.Allowed;
    public bool IsRefused => Outcome == ComplianceOutcome.Refused;
    public bool IsAwaitingApproval => Outcome == ComplianceOutcome.NeedsApproval;

    public static ComplianceDecision Allowed(string? note = null) =>
        new() { Outcome = ComplianceOutcome.Allowed, Reason = Text(note, required: false) };

    public static ComplianceDecision Refused(string reason) =>
        new() { Outcome = ComplianceOutcome.Refused, Reason = Text(reason, required: true) };

    public static ComplianceDecision NeedsApproval(string role, string reason)
    {
        if (!StaffRole.All.Contains(role))
            throw new ArgumentException($"\"{role}\" is not a staff role.", nameof(role));
        return new() { Outcome = ComplianceOutcome.NeedsApproval, ApproverRole = role, Reason = Text(reason, required: true) };
    }

    /// <summary>Throws the reason as a <see cref="DomainException"/> unless the rule allows the sale as it stands.</summary>
    public void EnsureAllowed()
    {
        if (!IsAllowed)
            throw new DomainException(Reason);
    }

    /// <summary>
    /// Records that a person in the required role approved this decision. Only a decision that
    /// needs approval can be approved: a refusal is final and cannot be overridden at the counter.
    /// </summary>
    public ComplianceApproval ApproveBy(Guid approverId, string approverRole, DateTimeOffset at)
    {
        if (IsRefused)
            throw new DomainException($"This cannot be approved: {Reason}");
        if (IsAllowed)
            throw new DomainException("Nothing needs approval here.");
        if (approverRole != ApproverRole)
            throw new DomainException($"Only a {ApproverRole!.ToLowerInvariant()} can approve this.");
        if (approverId == Guid.Empty)
            throw new DomainException("Say who approved it.");
        return new ComplianceApproval(this, approverId, approverRole, at.ToUniversalTime());
    }

    /// <summary>The decision that stops the sale first: any refusal, else any approval still needed, else allowed.</summary>
    public static ComplianceDecision Strictest(IEnumerable<ComplianceDecision> decisions)
    {
        var all = decisions.ToList();
        return all.FirstOrDefault(d => d.IsRefused)
            ?? all.FirstOrDefault(d => d.IsAwaitingApproval)
            ?? all.FirstOrDefault()
            ?? Allowed();
    }

    public override string ToString() => Outcome switch
    {
        ComplianceOutcome.Allowed => Reason.Length == 0 ? "Allowed" : $"Allowed: {Reason}",
        ComplianceOutcome.Refused => $"Refused: {Reason}",
        ComplianceOutcome.NeedsApproval => $"Needs a {ApproverRole!.ToLowerInvariant()}'s approval: {Reason}",
    };

    private static string Text(string? value, bool required)
    {
        var v = (value ?? string.Empty).Trim();
        if (required && v.Length == 0)
            throw new ArgumentException("A refusal or an approval request needs a reason the cashier can read.", nameof(value));
        return v.Length > ReasonMaxLength ? v[..ReasonMaxLength] : v;
    }
}

/// <summary>Who approved a decision that needed approval, and when: kept with the sale for the audit trail.</summary>
public sealed record ComplianceApproval(ComplianceDecision Decision, Guid ApproverId, string ApproverRole, DateTimeOffset At);
