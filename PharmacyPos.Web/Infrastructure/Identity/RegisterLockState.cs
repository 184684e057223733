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
/// Only the signed-in user's PIN unlocks it; signing out always works.
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
    public bool Locked { get; private set; }
    public event Action? Changed;

    private int _failedAttempts;

    public async Task LoadAsync()
    {
        var key = await KeyAsync();
        Locked = key is not null && await cache.GetStringAsync(key) is not null;
    }

    public async Task LockAsync()
    {
        var key = await KeyAsync();
        if (key is null) return;
        await cache.SetStringAsync(key, time.GetUtcNow().ToString("O"), new DistributedCacheEntryOptions
        {
            // The sign-in cookie expires within a shift; the lock need not outlive it.
            AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(12),
        });
        Locked = true;
        _failedAttempts = 0;
        await audit.RecordAsync(AuditActors.From((await authentication.GetAuthenticationStateAsync()).User),
            new AuditEntry(AuditEventTypes.RegisterLocked, "Register", null));
        Changed?.Invoke();
    }

    /// <summary>Checks the PIN; returns null on success or a message for the cashier.</summary>
    public async Task<string?> UnlockAsync(string pin)
    {
        if (_failedAttempts >= MaxPinAttempts)
            return "Too many wrong PINs. Sign out and sign in again with your password.";
        var state = await authentication.GetAuthenticationStateAsync();
        var userId = state.User.UserId();
        if (userId is null) return "You are signed out. Sign in again.";
        await using var db = await factory.CreateDbContextAsync();
        var hash = await db.Users.Where(u => u.Id == userId).Select(u => u.PinHash).SingleOrDefaultAsync();
        if (hash is null)
            return "You have no register PIN. Sign out and sign in again with your password.";
        if (string.IsNullOrWhiteSpace(pin) || pinHasher.VerifyHashedPassword(new RegisterPin(), hash, pin.Trim()) == PasswordVerificationResult.Failed)
        {
            _failedAttempts++;
            return _failedAttempts >= MaxPinAttempts
                ? "Too many wrong PINs. Sign out and sign in again with your password."
                : "That PIN is not right. Try again.";
        }
        var key = await KeyAsync();
        if (key is not null) await cache.RemoveAsync(key);
        Locked = false;
        _failedAttempts = 0;
        await audit.RecordAsync(AuditActors.From(state.User), new AuditEntry(AuditEventTypes.RegisterUnlocked, "Register", null));
        Changed?.Invoke();
        return null;
    }

    private async Task<string?> KeyAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        var session = state.User.SessionId();
        return session.Length == 0 ? null : $"register-lock:{session}";
    }
}
