using Microsoft.AspNetCore.Identity;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Web.Infrastructure.Identity;

namespace PharmacyPos.Web.Features.Counter.Register;

/// <summary>
/// A manager approves at the cashier's register by typing their user name and password. Nobody is signed in or
/// out; the approval names the manager, and the audit record of the change carries it.
/// </summary>
public sealed class ManagerApproval(IServiceScopeFactory scopes)
{
    public sealed record Approver(Guid UserId, string UserName);

    public sealed record Result(Approver? Approver, string? Refusal);

    public async Task<Result> ApproveAsync(string? userName, string? password)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
            return new Result(null, "A manager enters their user name and password.");
        // Identity's stores want a scoped context: one scope per approval, never held by the page.
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByNameAsync(userName.Trim());
        if (user is null || !user.Active || await users.IsLockedOutAsync(user) || !await users.CheckPasswordAsync(user, password))
            return new Result(null, "That user name and password do not match a manager.");
        if (!await users.IsInRoleAsync(user, StaffRole.Manager))
            return new Result(null, $"{user.DisplayName} is not a manager; a manager must approve.");
        return new Result(new Approver(user.Id, user.UserName!), null);
    }
}
