using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Distributed;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Web.Infrastructure.Auditing;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Infrastructure.Identity;

/// <summary>
/// Signs staff in and out, with lockout, and records every attempt for the audit trail. Wrong tries are limited per
/// device address and per user name (<see cref="CredentialAttempts"/>); once limited, attempts are refused unchecked
/// and unaudited, so nobody can flood the audit trail. A user name that matches nobody is recorded as
/// <see cref="UnknownUser"/>, never as typed: a password typed into the wrong box must not reach the audit trail.
/// </summary>
public sealed class StaffSignIn(
    SignInManager<StaffUser> signIn,
    UserManager<StaffUser> users,
    IDbContextFactory<PosDbContext> factory,
    RegisterChoices registers,
    IAuditTrail audit,
    CredentialAttempts attempts,
    IDistributedCache cache,
    IHttpContextAccessor http,
    ILogger<StaffSignIn> log)
{
    public const string BadCredentials = "The user name or password is not right.";
    public const string UnknownUser = "(unknown user)";

    public sealed record Result(bool Succeeded, string? Error);

    public async Task<Result> SignInAsync(string userName, string password, string register)
    {
        var name = (userName ?? string.Empty).Trim();
        var client = http.HttpContext?.Connection.RemoteIpAddress is { } address ? $"address:{address}" : "address:unknown";
        if (attempts.IsBlocked(client, name))
        {
            log.LogWarning("Sign-in refused unchecked: too many wrong tries from {Client} or for one user name.", client);
            return new Result(false, CredentialAttempts.TooMany);
        }
        var user = name.Length == 0 ? null : await users.FindByNameAsync(name);
        if (user is null || !user.Active)
        {
            attempts.Failed(client, name);
            await audit.RecordAsync(new AuditActor(user?.Id, user?.UserName ?? (name.Length == 0 ? "(blank)" : UnknownUser), "", null, Truncate(register)),
                new AuditEntry(AuditEventTypes.SignInFailed, "StaffUser", user?.Id.ToString()) { Reason = user is null ? "Unknown user name." : "Inactive account." });
            return new Result(false, BadCredentials);
        }

        var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? "";
        var actor = new AuditActor(user.Id, user.UserName!, role, user.HomeBranchId, Truncate(register));
        var lockedBefore = await users.IsLockedOutAsync(user);
        var check = await signIn.CheckPasswordSignInAsync(user, password ?? string.Empty, lockoutOnFailure: true);
        if (!check.Succeeded)
            attempts.Failed(client, name);
        if (check.IsLockedOut)
        {
            await audit.RecordAsync(actor, lockedBefore
                ? new AuditEntry(AuditEventTypes.SignInFailed, "StaffUser", user.Id.ToString()) { Reason = "Sign-in tried while the account is locked." }
                : new AuditEntry(AuditEventTypes.LockedOut, "StaffUser", user.Id.ToString()) { Reason = "Account locked after repeated wrong passwords." });
            var minutes = (int)Math.Ceiling(IdentityServiceCollectionExtensions.LockoutDuration.TotalMinutes);
            return new Result(false, $"This account is locked after {IdentityServiceCollectionExtensions.MaxFailedSignIns} wrong passwords. Try again in {minutes} minutes or ask a manager.");
        }
        if (!check.Succeeded)
        {
            await audit.RecordAsync(actor, new AuditEntry(AuditEventTypes.SignInFailed, "StaffUser", user.Id.ToString()) { Reason = "Wrong password." });
            return new Result(false, BadCredentials);
        }

        // The device's register, from its branch's list: two screens never share a register by default.
        var choice = await registers.ResolveAsync(user.HomeBranchId, register);
        if (choice is RegisterChoice.Refused refused)
            return new Result(false, refused.Reason);
        await using var db = await factory.CreateDbContextAsync();
        var branch = await db.Set<Branch>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == user.HomeBranchId);
        Claim[] claims =
        [
            new(PosClaims.Branch, user.HomeBranchId.ToString()),
            new(PosClaims.Register, choice is RegisterChoice.At at ? at.Code : ""),
            new(PosClaims.Session, Guid.NewGuid().ToString("N")),
            new(PosClaims.DisplayName, user.DisplayName),
            new(PosClaims.BranchName, branch?.Name ?? ""),
        ];
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, claims);
        // The password is what unlocks a register refused after too many wrong PINs.
        await cache.RemoveAsync(RegisterLockState.PinFailuresKey(user.Id, user.HomeBranchId, claims.First(c => c.Type == PosClaims.Register).Value));
        await audit.RecordAsync(actor, new AuditEntry(AuditEventTypes.SignIn, "StaffUser", user.Id.ToString()));
        return new Result(true, null);
    }

    private static string? Truncate(string? register) =>
        register is null ? null : register.Trim()[..Math.Min(register.Trim().Length, AuditActor.RegisterMaxLength)];

    public Task SignedOutAsync(ClaimsPrincipal user) =>
        audit.RecordAsync(AuditActors.From(user), new AuditEntry(AuditEventTypes.SignOut, "StaffUser", user.UserId()?.ToString()));
}
