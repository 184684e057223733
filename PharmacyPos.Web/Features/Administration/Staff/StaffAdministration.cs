using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Web.Infrastructure.Auditing;
using PharmacyPos.Web.Infrastructure.Identity;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Features.Administration.Staff;

/// <summary>
/// An admin runs the staff: creates members, changes their role and home branch, resets their password or
/// register PIN, unlocks and deactivates them. Each operation works in its own scope (its own Identity
/// store and DbContext, in one transaction) and records a <see cref="AuditEventTypes.UserChanged"/> event without
/// any secret. A change to what a member of staff may do or where (role, branch, password, active) renews their
/// security stamp, so their open sessions end at the next check.
/// </summary>
public sealed partial class StaffAdministration(
    IServiceScopeFactory scopes,
    IDbContextFactory<PosDbContext> factory,
    IPasswordHasher<RegisterPin> pinHasher,
    IAuditTrail audit)
{
    public const int UserNameMaxLength = 64;
    public const string PinRule = "The register PIN must be 4 to 6 digits.";

    public sealed record Result(bool Succeeded, string? Error, Guid? UserId = null)
    {
        public static Result Ok(Guid id) => new(true, null, id);
        public static Result Refused(string error) => new(false, error);
    }

    public sealed record NewStaff(string UserName, string DisplayName, string Role, Guid HomeBranchId, string Password, string Pin);

    public sealed record BranchOption(Guid Id, string Name);

    /// <summary>What the audit trail keeps of a member of staff: never a password or PIN.</summary>
    private sealed record Snapshot(string Role, Guid HomeBranchId, bool Active);

    [GeneratedRegex(@"^\d{4,6}$")]
    private static partial Regex PinPattern();

    public async Task<IReadOnlyList<BranchOption>> BranchesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var branches = await db.Set<Branch>().AsNoTracking().Select(b => new { b.Id, b.Name }).ToListAsync(ct);
        return branches.OrderBy(b => b.Name, StringComparer.CurrentCulture).Select(b => new BranchOption(b.Id, b.Name)).ToList();
    }

    public async Task<Result> CreateAsync(ClaimsPrincipal admin, NewStaff input, CancellationToken ct = default)
    {
        var userName = (input.UserName ?? "").Trim();
        var displayName = (input.DisplayName ?? "").Trim();
        if (userName.Length == 0) return Result.Refused("Enter a user name.");
        if (userName.Length > UserNameMaxLength) return Result.Refused($"A user name has at most {UserNameMaxLength} characters.");
        if (displayName.Length == 0) return Result.Refused("Enter the name shown on screens and receipts.");
        if (displayName.Length > StaffUser.DisplayNameMaxLength) return Result.Refused($"A display name has at most {StaffUser.DisplayNameMaxLength} characters.");
        if (RoleError(input.Role) is { } roleError) return Result.Refused(roleError);
        if (!IsPin(input.Pin)) return Result.Refused(PinRule);
        if (await BranchErrorAsync(input.HomeBranchId, ct) is { } branchError) return Result.Refused(branchError);

        return await InTransactionAsync(async (scope, db, _) =>
        {
            var users = scope.GetRequiredService<UserManager<StaffUser>>();
            var roles = scope.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
            if (await users.FindByNameAsync(userName) is not null)
                return Result.Refused($"The user name \"{userName}\" is taken; choose another.");
            if (!await roles.RoleExistsAsync(input.Role))
                return Result.Refused($"The role {input.Role} is not set up in this database.");

            var user = new StaffUser
            {
                UserName = userName,
                DisplayName = displayName,
                HomeBranchId = input.HomeBranchId,
                PinHash = pinHasher.HashPassword(new RegisterPin(), input.Pin),
            };
            // Identity checks the password rules and the user name (valid characters, unique) before it writes anything.
            var created = await users.CreateAsync(user, input.Password ?? "");
            if (!created.Succeeded) return Result.Refused(Describe(created));
            var inRole = await users.AddToRoleAsync(user, input.Role);
            if (!inRole.Succeeded) return Result.Refused(Describe(inRole));

            Stage(db, admin, user.Id, before: null, after: new Snapshot(input.Role, user.HomeBranchId, user.Active), reset: null, "Member of staff created.");
            return Result.Ok(user.Id);
        }, ct);
    }

    public Task<Result> ChangeRoleAndBranchAsync(ClaimsPrincipal admin, Guid userId, string role, Guid homeBranchId, CancellationToken ct = default) =>
        ChangeAsync(admin, userId, "Role or home branch changed.", null, async (users, user, current) =>
        {
            if (RoleError(role) is { } roleError) return roleError;
            if (await BranchErrorAsync(homeBranchId, ct) is { } branchError) return branchError;
            if (IsSelf(admin, user) && current != role)
                return "You cannot change your own role: ask another admin.";
            if (current != role)
            {
                if (current.Length > 0 && Describe(await users.RemoveFromRoleAsync(user, current)) is { Length: > 0 } removeError) return removeError;
                if (Describe(await users.AddToRoleAsync(user, role)) is { Length: > 0 } addError) return addError;
            }
            if (current == role && user.HomeBranchId == homeBranchId) return null;
            user.HomeBranchId = homeBranchId;
            // A new stamp ends the sessions signed in with the old role or branch (their claims say the old ones).
            return Describe(await users.UpdateSecurityStampAsync(user)) is { Length: > 0 } updateError ? updateError : null;
        }, ct);

    public Task<Result> ResetPasswordAsync(ClaimsPrincipal admin, Guid userId, string newPassword, CancellationToken ct = default) =>
        ChangeAsync(admin, userId, "Password reset by an admin.", "password", async (users, user, _) =>
        {
            // Check every rule first, so a weak password leaves the old one in place.
            var errors = new List<IdentityError>();
            foreach (var validator in users.PasswordValidators)
            {
                var check = await validator.ValidateAsync(users, user, newPassword ?? "");
                if (!check.Succeeded) errors.AddRange(check.Errors);
            }
            if (errors.Count > 0) return Describe(IdentityResult.Failed([.. errors]));
            user.PasswordHash = users.PasswordHasher.HashPassword(user, newPassword!);
            // A new stamp signs out every session still using the old password.
            return Describe(await users.UpdateSecurityStampAsync(user)) is { Length: > 0 } e ? e : null;
        }, ct);

    public Task<Result> ResetPinAsync(ClaimsPrincipal admin, Guid userId, string newPin, CancellationToken ct = default) =>
        ChangeAsync(admin, userId, "Register PIN reset by an admin.", "pin", async (users, user, _) =>
        {
            if (!IsPin(newPin)) return PinRule;
            user.PinHash = pinHasher.HashPassword(new RegisterPin(), newPin);
            return Describe(await users.UpdateAsync(user)) is { Length: > 0 } e ? e : null;
        }, ct);

    public Task<Result> UnlockAsync(ClaimsPrincipal admin, Guid userId, CancellationToken ct = default) =>
        ChangeAsync(admin, userId, "Locked-out account unlocked.", "lockout", async (users, user, _) =>
        {
            if (Describe(await users.SetLockoutEndDateAsync(user, null)) is { Length: > 0 } e) return e;
            return Describe(await users.ResetAccessFailedCountAsync(user)) is { Length: > 0 } f ? f : null;
        }, ct);

    public Task<Result> SetActiveAsync(ClaimsPrincipal admin, Guid userId, bool active, CancellationToken ct = default) =>
        ChangeAsync(admin, userId, active ? "Member of staff reactivated." : "Member of staff deactivated.", null, async (users, user, _) =>
        {
            if (!active && IsSelf(admin, user)) return "You cannot deactivate your own account: ask another admin.";
            if (user.Active == active) return null;
            user.Active = active;
            if (Describe(await users.UpdateAsync(user)) is { Length: > 0 } e) return e;
            // A new stamp makes every cookie issued before it fail its next validation.
            return Describe(await users.UpdateSecurityStampAsync(user)) is { Length: > 0 } f ? f : null;
        }, ct);

    private Task<Result> ChangeAsync(ClaimsPrincipal admin, Guid userId, string reason, string? reset,
        Func<UserManager<StaffUser>, StaffUser, string, Task<string?>> change, CancellationToken ct) =>
        InTransactionAsync(async (scope, db, _) =>
        {
            var users = scope.GetRequiredService<UserManager<StaffUser>>();
            var user = await users.FindByIdAsync(userId.ToString());
            if (user is null) return Result.Refused("That member of staff no longer exists.");
            var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? "";
            var before = new Snapshot(role, user.HomeBranchId, user.Active);
            var error = await change(users, user, role);
            if (error is not null) return Result.Refused(error);
            var after = new Snapshot((await users.GetRolesAsync(user)).FirstOrDefault() ?? "", user.HomeBranchId, user.Active);
            Stage(db, admin, user.Id, before, after, reset, reason);
            return Result.Ok(user.Id);
        }, ct);

    /// <summary>
    /// One staff change and its audit record commit together or not at all. Identity's store saves as it goes, so the
    /// whole change runs in one transaction on the store's own context; a refusal or a failed audit write rolls it back.
    /// </summary>
    private async Task<Result> InTransactionAsync(Func<IServiceProvider, PosDbContext, CancellationToken, Task<Result>> work, CancellationToken ct)
    {
        await using var probe = await factory.CreateDbContextAsync(ct);
        // PostgreSQL retries transient failures: the whole change runs again in a fresh scope.
        return await probe.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PosDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var result = await work(scope.ServiceProvider, db, token);
            if (!result.Succeeded) return result;
            await db.SaveChangesAsync(token);
            await transaction.CommitAsync(token);
            return result;
        }, ct);
    }

    private void Stage(PosDbContext db, ClaimsPrincipal admin, Guid userId, Snapshot? before, Snapshot after, string? reset, string reason) =>
        audit.Stage(db, AuditActors.From(admin), new AuditEntry(AuditEventTypes.UserChanged, nameof(StaffUser), userId.ToString())
        {
            Before = before is null ? null : JsonSerializer.Serialize(before),
            After = JsonSerializer.Serialize(new { after.Role, after.HomeBranchId, after.Active, Reset = reset }),
            Reason = reason,
        });

    private async Task<string?> BranchErrorAsync(Guid branchId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Set<Branch>().AnyAsync(b => b.Id == branchId, ct) ? null : "Choose a home branch.";
    }

    private static string? RoleError(string? role) =>
        role is not null && StaffRole.All.Contains(role) ? null : $"Choose one role: {string.Join(", ", StaffRole.All)}.";

    private static bool IsPin(string? pin) => pin is not null && PinPattern().IsMatch(pin);

    private static bool IsSelf(ClaimsPrincipal admin, StaffUser user) => admin.UserId() == user.Id;

    private static string Describe(IdentityResult result) =>
        result.Succeeded ? "" : string.Join(" ", result.Errors.Select(e => e.Description));
}
