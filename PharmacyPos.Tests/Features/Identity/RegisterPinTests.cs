using System.Net;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Features.Audit.Review;
using PharmacyPos.Web.Infrastructure.Identity;

namespace PharmacyPos.Tests.Features.Identity;

/// <summary>Wrong register PINs are counted on the server per member of staff and register, across reloads and screens.</summary>
public sealed class RegisterPinTests : IDisposable
{
    private const string Pin = "1234";
    private readonly PosAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Wrong_pins_count_across_reloads_and_a_second_screen_then_only_the_password_unlocks()
    {
        var first = await SignedInSession.StartAsync(_app, "cashier", "Cashier-Demo-1", "R1");
        var second = await SignedInSession.StartAsync(_app, "cashier", "Cashier-Demo-1", "R1");
        await first.Screen().LockAsync();
        await second.Screen().LockAsync();

        for (var i = 0; i < 3; i++)
            Assert.NotNull(await first.Screen().UnlockAsync("0000"));   // each try on a reloaded page
        Assert.NotNull(await second.Screen().UnlockAsync("1111"));
        Assert.Equal(RegisterLockState.TooManyWrongPins, await second.Screen().UnlockAsync("2222"));

        // The right PIN no longer unlocks, on either screen, however often the page is reloaded.
        Assert.Equal(RegisterLockState.TooManyWrongPins, await first.Screen().UnlockAsync(Pin));
        Assert.Equal(RegisterLockState.TooManyWrongPins, await second.Screen().UnlockAsync(Pin));
        var screen = first.Screen();
        await screen.LoadAsync();
        Assert.True(screen.Locked);

        // Signing in again with the password at that register starts afresh.
        var again = await SignedInSession.StartAsync(_app, "cashier", "Cashier-Demo-1", "R1");
        var fresh = again.Screen();
        await fresh.LockAsync();
        Assert.Null(await fresh.UnlockAsync(Pin));
        Assert.False(fresh.Locked);
    }

    [Fact]
    public async Task Each_wrong_pin_is_audited_and_the_lockout_too()
    {
        var session = await SignedInSession.StartAsync(_app, "pharmacist", "Pharmacist-Demo-1", "R2");
        await session.Screen().LockAsync();

        for (var i = 0; i < RegisterLockState.MaxPinAttempts; i++)
            await session.Screen().UnlockAsync("9999");

        var failures = (await SignedInSession.AuditAsync(_app, AuditEventTypes.SignInFailed)).Where(e => e.EntityType == "Register").ToList();
        var lockout = Assert.Single(await SignedInSession.AuditAsync(_app, AuditEventTypes.LockedOut), e => e.EntityType == "Register");
        Assert.Equal(RegisterLockState.MaxPinAttempts - 1, failures.Count);
        Assert.All(failures.Append(lockout), e =>
        {
            Assert.Equal("pharmacist", e.UserName);
            Assert.Equal("R2", e.Register);
            Assert.DoesNotContain("9999", e.Reason ?? "", StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Wrong_pins_at_one_register_do_not_count_at_another()
    {
        var atR1 = await SignedInSession.StartAsync(_app, "manager", "Manager-Demo-1", "R1");
        var atR3 = await SignedInSession.StartAsync(_app, "manager", "Manager-Demo-1", "R3");
        await atR1.Screen().LockAsync();
        await atR3.Screen().LockAsync();

        for (var i = 0; i < RegisterLockState.MaxPinAttempts; i++)
            await atR1.Screen().UnlockAsync("0000");

        Assert.Null(await atR3.Screen().UnlockAsync(Pin));
    }

    [Fact]
    public async Task A_locked_register_refuses_its_export_links()
    {
        var session = await SignedInSession.StartAsync(_app, "pharmacist", "Pharmacist-Demo-1", "R1");
        var open = await session.Client.GetAsync(AuditExport.Path);
        Assert.NotEqual(HttpStatusCode.Locked, open.StatusCode);

        var screen = session.Screen();
        await screen.LockAsync();
        var audit = await session.Client.GetAsync(AuditExport.Path);
        var logbook = await session.Client.GetAsync(Web.Features.Pharmacy.Logbook.LogbookExport.Path);

        Assert.Equal(HttpStatusCode.Locked, audit.StatusCode);
        Assert.Equal(RegisterLockGate.Refusal, await audit.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Locked, logbook.StatusCode);
        // The lock screen's own way out still works, and the PIN opens the links again.
        Assert.Null(await screen.UnlockAsync(Pin));
        Assert.Equal(open.StatusCode, (await session.Client.GetAsync(AuditExport.Path)).StatusCode);
    }
}
