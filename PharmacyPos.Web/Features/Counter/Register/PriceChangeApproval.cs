using Microsoft.AspNetCore.Identity;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Web.Infrastructure.Identity;

namespace PharmacyPos.Web.Features.Counter.Register;

/// <summary>
/// A manager approves a price change at the cashier's register by typing their user name and password: nobody
/// signs in or out. Wrong passwords count toward the manager's lockout, as at sign-in, so approvals cannot be
/// guessed at the counter. The approval names the manager; the audit record of the change carries it.
/// </summary>
public sealed class PriceChangeApproval(IServiceScopeFactory scopes)
{
    public const string NotApproved = "The manager's user name or password is not right.";

    public sealed record Result(Guid? ManagerId, string? Refusal);

    public async Task<Result> ApproveAsync(string? userName, string? password, Guid branchId)
    {
        var name = (userName ?? string.Empty).Trim();
        if (name.Length == 0 || string.IsNullOrEmpty(password))
            return new Result(null, "A manager enters their user name and password.");
        // Identity's stores hold a database context: one scope per approval, never one for the circuit.
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByNameAsync(name);
        if (user is null || !user.Active)
            return new Result(null, NotApproved);
        if (await users.IsLockedOutAsync(user))
            return new Result(null, "This manager's account is locked after too many wrong passwords; ask another manager.");
        if (!await users.CheckPasswordAsync(user, password))
        {
            await users.AccessFailedAsync(user);
            return new Result(null, NotApproved);
        }
        await users.ResetAccessFailedCountAsync(user);
        if (!await users.IsInRoleAsync(user, StaffRole.Manager))
            return new Result(null, $"{user.DisplayName} is not a manager; a manager must approve a price change.");
        if (user.HomeBranchId != branchId)
            return new Result(null, "Only a manager of this branch can approve a price change.");
        return new Result(user.Id, null);
    }
}
