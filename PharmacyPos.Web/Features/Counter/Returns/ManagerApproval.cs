using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Web.Infrastructure.Identity;

namespace PharmacyPos.Web.Features.Counter.Returns;

/// <summary>A manager's user name and password, typed at the register to approve one refund.</summary>
public sealed record ManagerCredentials(string UserName, string Password);

/// <summary>
/// Checks a manager's approval at the register: the password of an active manager of this branch. Wrong tries are
/// limited per register and per user name (<see cref="ApproverCredentials"/>), so approvals cannot be guessed at the
/// counter, and do not lock the manager out of signing in.
/// </summary>
public sealed class ManagerApproval(ApproverCredentials approvers)
{
    public const string NotApproved = "The manager's user name or password is not right.";

    public async Task<AuditActor> VerifyAsync(ManagerCredentials credentials, Guid branchId, string? register)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var check = await approvers.CheckAsync(credentials.UserName, credentials.Password, CredentialAttempts.RegisterClient(branchId, register));
        var user = check switch
        {
            ApproverCheck.Verified verified when !verified.Roles.Contains(StaffRole.Manager) =>
                throw new DomainException($"{verified.User.DisplayName} is not a manager; a manager must approve this refund."),
            ApproverCheck.Verified verified => verified.User,
            ApproverCheck.LockedOut => throw new DomainException("This manager's account is locked after too many wrong passwords; ask another manager."),
            ApproverCheck.TooManyAttempts => throw new DomainException(CredentialAttempts.TooMany),
            _ => throw new DomainException(NotApproved),
        };
        if (user.HomeBranchId != branchId)
            throw new DomainException("Only a manager of this branch can approve this refund.");
        return new AuditActor(user.Id, user.UserName!, StaffRole.Manager, user.HomeBranchId, register);
    }
}
