using Microsoft.AspNetCore.Identity;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Web.Infrastructure.Identity;

namespace PharmacyPos.Web.Features.Counter.Returns;

/// <summary>A manager's user name and password, typed at the register to approve one refund.</summary>
public sealed record ManagerCredentials(string UserName, string Password);

/// <summary>
/// Checks a manager's approval at the register: the password of an active manager of this branch. Wrong passwords
/// count toward the account's lockout, as at sign-in, so approvals cannot be guessed at the counter.
/// </summary>
public sealed class ManagerApproval(IServiceScopeFactory scopes)
{
    public const string NotApproved = "The manager's user name or password is not right.";

    public async Task<AuditActor> VerifyAsync(ManagerCredentials credentials, Guid branchId, string? register)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        // Identity's stores hold a database context: one scope per check, never one for the circuit.
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var name = (credentials.UserName ?? string.Empty).Trim();
        var user = name.Length == 0 ? null : await users.FindByNameAsync(name);
        if (user is null || !user.Active)
            throw new DomainException(NotApproved);
        if (await users.IsLockedOutAsync(user))
            throw new DomainException("This manager's account is locked after too many wrong passwords; ask another manager.");
        if (!await users.CheckPasswordAsync(user, credentials.Password ?? string.Empty))
        {
            await users.AccessFailedAsync(user);
            throw new DomainException(NotApproved);
        }
        await users.ResetAccessFailedCountAsync(user);
        if (!await users.IsInRoleAsync(user, StaffRole.Manager))
            throw new DomainException($"{user.DisplayName} is not a manager; a manager must approve this refund.");
        if (user.HomeBranchId != branchId)
            throw new DomainException("Only a manager of this branch can approve this refund.");
        return new AuditActor(user.Id, user.UserName!, StaffRole.Manager, user.HomeBranchId, register);
    }
}
