using PharmacyPos.Domain.Staff;
using PharmacyPos.Web.Infrastructure.Identity;

namespace PharmacyPos.Web.Features.Counter.Register;

/// <summary>
/// A manager approves a price change at the cashier's register by typing their user name and password: nobody
/// signs in or out. Wrong tries are limited per register and per user name (<see cref="ApproverCredentials"/>), so
/// approvals cannot be guessed at the counter, and do not lock the manager out of signing in. The approval names the
/// manager; the audit record of the change carries it.
/// </summary>
public sealed class PriceChangeApproval(ApproverCredentials approvers)
{
    public const string NotApproved = "The manager's user name or password is not right.";

    public sealed record Result(Guid? ManagerId, string? Refusal);

    /// <param name="client">Where the approval is typed (<see cref="CredentialAttempts.ClientOf"/>); the branch when not known.</param>
    public async Task<Result> ApproveAsync(string? userName, string? password, Guid branchId, string? client = null)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
            return new Result(null, "A manager enters their user name and password.");
        var check = await approvers.CheckAsync(userName, password, client ?? CredentialAttempts.RegisterClient(branchId, null));
        return check switch
        {
            ApproverCheck.Verified { Roles: var roles, User: var user } when !roles.Contains(StaffRole.Manager) =>
                new Result(null, $"{user.DisplayName} is not a manager; a manager must approve a price change."),
            ApproverCheck.Verified { User: var user } when user.HomeBranchId != branchId =>
                new Result(null, "Only a manager of this branch can approve a price change."),
            ApproverCheck.Verified { User: var user } => new Result(user.Id, null),
            ApproverCheck.LockedOut => new Result(null, "This manager's account is locked after too many wrong passwords; ask another manager."),
            ApproverCheck.TooManyAttempts => new Result(null, CredentialAttempts.TooMany),
            _ => new Result(null, NotApproved),
        };
    }
}
