using Microsoft.AspNetCore.Identity;

namespace PharmacyPos.Web.Infrastructure.Identity;

/// <summary>What checking an approver's user name and password found.</summary>
public abstract record ApproverCheck
{
    private ApproverCheck() { }

    /// <summary>The password is right and the account active and not locked out; the approver's roles follow.</summary>
    public sealed record Verified(StaffUser User, IReadOnlyList<string> Roles) : ApproverCheck;

    /// <summary>No active member of staff has that user name and password.</summary>
    public sealed record NotVerified : ApproverCheck;

    /// <summary>The password is right but the account is locked out (after wrong passwords at sign-in).</summary>
    public sealed record LockedOut : ApproverCheck;

    /// <summary>This register or this user name has had too many wrong tries: nothing was checked.</summary>
    public sealed record TooManyAttempts : ApproverCheck;
}

/// <summary>
/// Checks a manager's or pharmacist's user name and password typed at a register, for one approval. Nobody signs in.
/// Wrong tries are limited per register and per user name (<see cref="CredentialAttempts"/>) and do not count toward
/// the approver's Identity lockout, so a cashier cannot lock the pharmacist out of their own sign-in.
/// </summary>
public sealed class ApproverCredentials(IServiceScopeFactory scopes, CredentialAttempts attempts)
{
    public async Task<ApproverCheck> CheckAsync(string? userName, string? password, string client)
    {
        var name = (userName ?? string.Empty).Trim();
        if (attempts.IsBlocked(client, name))
            return new ApproverCheck.TooManyAttempts();
        // Identity's stores hold a database context: one scope per check, never one for the circuit.
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = name.Length == 0 ? null : await users.FindByNameAsync(name);
        if (user is not { Active: true } || !await users.CheckPasswordAsync(user, password ?? string.Empty))
        {
            attempts.Failed(client, name);
            return new ApproverCheck.NotVerified();
        }
        if (await users.IsLockedOutAsync(user))
            return new ApproverCheck.LockedOut();
        return new ApproverCheck.Verified(user, [.. await users.GetRolesAsync(user)]);
    }
}
