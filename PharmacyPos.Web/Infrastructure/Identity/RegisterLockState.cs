using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Distributed;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Web.Infrastructure.Auditing;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Web.Infrastructure.Identity;

/// <summary>
/// A register locked while its cashier steps away. The lock belongs to the sign-in session and is kept in
/// the distributed cache, so a page reload, a reconnect to another instance or a new tab stays locked.
/// Only the signed-in user's PIN unlocks it; signing out always works. Wrong PINs are counted in the same cache
/// per member of staff and register, so neither a reload nor a second screen starts the count again: after
/// <see cref="MaxPinAttempts"/> only signing in again with the password unlocks (a 4-digit PIN would otherwise
/// fall to patience). Each wrong PIN is audited.
/// </summary>
public sealed class RegisterLockState(
    IDistributedCache cache,
    AuthenticationStateProvider authentication,
    IDbContextFactory<PosDbContext> factory,
    IPasswordHasher<RegisterPin> pinHasher,
    IAuditTrail audit,
    TimeProvider time)
{
    public const int MaxPinAttempts = 5;
    public const string TooManyWrongPins = "Too many wrong PINs. Sign out and sign in again with your password.";

    /// <summary>The sign-in cookie expires within a shift; neither the lock nor its count of wrong PINs need outlive it.</summary>
    private static readonly DistributedCacheEntryOptions ForAShift = new() { AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(12) };

    public bool Locked { get; private set; }
    public event Action? Changed;

    /// <summary>The cache key of the lock of one sign-in session.</summary>
    public static string LockKey(string session) => $"register-lock:{session}";

    /// <summary>The cache key counting one member of staff's wrong PINs at one register.</summary>
    public static string PinFailuresKey(Guid userId, Guid? branchId, string register) =>
        $"register-pin-failures:{userId:N}:{branchId:N}:{register.Trim().ToUpperInvariant()}";

    /// <summary>True when the session of <paramref name="user"/> has a locked register.</summary>
    public static async Task<bool> IsLockedAsync(IDistributedCache cache, ClaimsPrincipal user, CancellationToken ct = default) =>
        user.SessionId() is { Length: > 0 } session && await cache.GetStringAsync(LockKey(session), ct) is not null;

    public async Task LoadAsync() =>
        Locked = await IsLockedAsync(cache, (await authentication.GetAuthenticationStateAsync()).User);

    public async Task LockAsync()
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        if (user.SessionId() is not { Length: > 0 } session) return;
        await cache.SetStringAsync(LockKey(session), time.GetUtcNow().ToString("O"), ForAShift);
        Locked = true;
        await audit.RecordAsync(AuditActors.From(user), new AuditEntry(AuditEventTypes.RegisterLocked, "Register", null));
        Changed?.Invoke();
    }

    /// <summary>Checks the PIN; returns null on success or a message for the cashier.</summary>
    public async Task<string?> UnlockAsync(string pin)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        var userId = user.UserId();
        if (userId is null) return "You are signed out. Sign in again.";
        var failuresKey = PinFailuresKey(userId.Value, user.BranchId(), user.RegisterName());
        var failures = await FailuresAsync(failuresKey);
        if (failures >= MaxPinAttempts) return TooManyWrongPins;
        await using var db = await factory.CreateDbContextAsync();
        var hash = await db.Users.Where(u => u.Id == userId).Select(u => u.PinHash).SingleOrDefaultAsync();
        if (hash is null)
            return "You have no register PIN. Sign out and sign in again with your password.";
        if (string.IsNullOrWhiteSpace(pin) || pinHasher.VerifyHashedPassword(new RegisterPin(), hash, pin.Trim()) == PasswordVerificationResult.Failed)
        {
            failures++;
            await cache.SetStringAsync(failuresKey, failures.ToString(CultureInfo.InvariantCulture), ForAShift);
            var lockedOut = failures >= MaxPinAttempts;
            await audit.RecordAsync(AuditActors.From(user), lockedOut
                ? new AuditEntry(AuditEventTypes.LockedOut, "Register", null) { Reason = $"Register PIN refused after {MaxPinAttempts} wrong PINs: only the password unlocks now." }
                : new AuditEntry(AuditEventTypes.SignInFailed, "Register", null) { Reason = $"Wrong register PIN ({failures} of {MaxPinAttempts})." });
            return lockedOut ? TooManyWrongPins : "That PIN is not right. Try again.";
        }
        await cache.RemoveAsync(LockKey(user.SessionId()));
        await cache.RemoveAsync(failuresKey);
        Locked = false;
        await audit.RecordAsync(AuditActors.From(user), new AuditEntry(AuditEventTypes.RegisterUnlocked, "Register", null));
        Changed?.Invoke();
        return null;
    }

    private async Task<int> FailuresAsync(string key) =>
        int.TryParse(await cache.GetStringAsync(key), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
