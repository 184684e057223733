using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web;
using PharmacyPos.Web.Features.Administration.Staff;
using PharmacyPos.Web.Infrastructure.Auditing;
using PharmacyPos.Web.Infrastructure.Identity;
using PharmacyPos.Web.Infrastructure.Persistence;
using PharmacyPos.Web.Infrastructure.Persistence.Demo;

namespace PharmacyPos.Tests.Features.Administration;

public class StaffAdministrationTests
{
    private const string StrongPassword = "Floor-Staff-2026";
    private const string Pin = "482913";

    internal sealed class Harness(TestDatabase database, ServiceProvider services, ClaimsPrincipal admin, Guid adminId, List<Branch> branches) : IAsyncDisposable
    {
        public TestDatabase Database => database;
        public ServiceProvider Services => services;
        public ClaimsPrincipal Admin => admin;
        public Guid AdminId => adminId;
        public Branch Main => branches[0];
        public Branch Riverside => branches[1];
        public StaffAdministration Staff => services.GetRequiredService<StaffAdministration>();

        public async Task<T> WithUsers<T>(Func<UserManager<StaffUser>, Task<T>> work)
        {
            await using var scope = services.CreateAsyncScope();
            return await work(scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>());
        }

        public async Task<List<AuditEvent>> UserChangesAsync()
        {
            await using var db = database.CreateDbContext();
            return await db.Set<AuditEvent>().AsNoTracking().Where(e => e.EventType == AuditEventTypes.UserChanged)
                .OrderBy(e => e.Sequence).ToListAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await services.DisposeAsync();
            await database.DisposeAsync();
        }
    }

    internal static async Task<Harness> StartAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 15, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection().AddLogging();
        services.AddPersistence(database.Settings);
        services.AddSingleton<TimeProvider>(time);
        Web.Infrastructure.Identity.IdentityServiceCollectionExtensions.AddStaffIdentity(services);
        services.AddHttpContextAccessor();
        services.AddSingleton<DemoDataSeeder>();
        services.AddAuditTrail();
        services.AddSingleton<StaffAdministration>();
        var provided = services.BuildServiceProvider();
        await provided.GetRequiredService<DemoDataSeeder>().SeedAsync(CancellationToken.None);

        await using var db = database.CreateDbContext();
        var branches = await db.Set<Branch>().AsNoTracking().OrderBy(b => b.Code).ToListAsync();
        var adminUser = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "admin");
        var admin = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, adminUser.Id.ToString()),
            new Claim(ClaimTypes.Name, "admin"),
            new Claim(ClaimTypes.Role, StaffRole.Admin),
            new Claim(PosClaims.Branch, adminUser.HomeBranchId.ToString()),
        ], "test"));
        return new Harness(database, provided, admin, adminUser.Id, branches);
    }

    private static StaffAdministration.NewStaff Newcomer(Harness h, string userName = "tech1", string password = StrongPassword) =>
        new(userName, "Taylor Technician", StaffRole.Cashier, h.Riverside.Id, password, Pin);

    private static async Task<bool> CanSignInAsync(Harness h, string userName, string password)
    {
        await using var scope = h.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<StaffUser>>();
        var user = await users.FindByNameAsync(userName);
        // The same two gates as StaffSignIn: an active account, and the password checked with lockout.
        return user is { Active: true } && (await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true)).Succeeded;
    }

    private static void AssertNoSecrets(AuditEvent e, params string[] secrets)
    {
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, e.Before ?? "", StringComparison.Ordinal);
            Assert.DoesNotContain(secret, e.After ?? "", StringComparison.Ordinal);
            Assert.DoesNotContain(secret, e.Reason ?? "", StringComparison.Ordinal);
        }
        Assert.DoesNotContain("PasswordHash", e.After ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("PinHash", e.After ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Created_member_of_staff_signs_in_with_their_role_branch_and_pin(DatabaseProvider provider)
    {
        await using var h = await StartAsync(provider);

        var result = await h.Staff.CreateAsync(h.Admin, Newcomer(h));

        Assert.True(result.Succeeded, result.Error);
        Assert.True(await CanSignInAsync(h, "tech1", StrongPassword));
        var (roles, branch, pinOk) = await h.WithUsers(async users =>
        {
            var user = (await users.FindByNameAsync("tech1"))!;
            var pins = h.Services.GetRequiredService<IPasswordHasher<RegisterPin>>();
            return (await users.GetRolesAsync(user), user.HomeBranchId,
                pins.VerifyHashedPassword(new RegisterPin(), user.PinHash!, Pin) != PasswordVerificationResult.Failed);
        });
        Assert.Equal([StaffRole.Cashier], roles);
        Assert.Equal(h.Riverside.Id, branch);
        Assert.True(pinOk);

        var change = Assert.Single(await h.UserChangesAsync());
        Assert.Equal(h.AdminId, change.UserId);
        Assert.Equal(result.UserId.ToString(), change.EntityId);
        Assert.Null(change.Before);
        Assert.Contains(StaffRole.Cashier, change.After!, StringComparison.Ordinal);
        AssertNoSecrets(change, StrongPassword, Pin);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Refuses_a_taken_user_name_and_creates_nothing(DatabaseProvider provider)
    {
        await using var h = await StartAsync(provider);
        var before = await h.WithUsers(users => users.Users.CountAsync());

        var result = await h.Staff.CreateAsync(h.Admin, Newcomer(h, userName: "cashier"));

        Assert.False(result.Succeeded);
        Assert.Contains("taken", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, await h.WithUsers(users => users.Users.CountAsync()));
        Assert.Empty(await h.UserChangesAsync());
        Assert.True(await CanSignInAsync(h, "cashier", "Cashier-Demo-1"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Refuses_a_weak_password_or_bad_pin_with_identity_rules_and_creates_nothing(DatabaseProvider provider)
    {
        await using var h = await StartAsync(provider);

        var weak = await h.Staff.CreateAsync(h.Admin, Newcomer(h, password: "short"));
        var badPin = await h.Staff.CreateAsync(h.Admin, Newcomer(h) with { Pin = "12a4" });

        Assert.False(weak.Succeeded);
        Assert.Contains("at least 10 characters", weak.Error, StringComparison.Ordinal);
        Assert.False(badPin.Succeeded);
        Assert.Equal(StaffAdministration.PinRule, badPin.Error);
        Assert.Null(await h.WithUsers(users => users.FindByNameAsync("tech1")));
        Assert.Empty(await h.UserChangesAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Changes_role_and_home_branch_and_records_before_and_after(DatabaseProvider provider)
    {
        await using var h = await StartAsync(provider);
        var cashier = await h.WithUsers(async users => (await users.FindByNameAsync("cashier"))!.Id);

        var result = await h.Staff.ChangeRoleAndBranchAsync(h.Admin, cashier, StaffRole.Manager, h.Riverside.Id);

        Assert.True(result.Succeeded, result.Error);
        var (roles, branch) = await h.WithUsers(async users =>
        {
            var user = (await users.FindByIdAsync(cashier.ToString()))!;
            return (await users.GetRolesAsync(user), user.HomeBranchId);
        });
        Assert.Equal([StaffRole.Manager], roles);
        Assert.Equal(h.Riverside.Id, branch);
        var change = Assert.Single(await h.UserChangesAsync());
        Assert.Contains(StaffRole.Cashier, change.Before!, StringComparison.Ordinal);
        Assert.Contains(h.Main.Id.ToString(), change.Before!, StringComparison.Ordinal);
        Assert.Contains(StaffRole.Manager, change.After!, StringComparison.Ordinal);
        Assert.Contains(h.Riverside.Id.ToString(), change.After!, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Unlocking_a_locked_out_account_lets_it_sign_in_again(DatabaseProvider provider)
    {
        await using var h = await StartAsync(provider);
        for (var i = 0; i < Web.Infrastructure.Identity.IdentityServiceCollectionExtensions.MaxFailedSignIns; i++)
            Assert.False(await CanSignInAsync(h, "cashier", "wrong-password"));
        Assert.False(await CanSignInAsync(h, "cashier", "Cashier-Demo-1"));
        var cashier = await h.WithUsers(async users => (await users.FindByNameAsync("cashier"))!.Id);

        var result = await h.Staff.UnlockAsync(h.Admin, cashier);

        Assert.True(result.Succeeded, result.Error);
        var (locked, failures) = await h.WithUsers(async users =>
        {
            var user = (await users.FindByIdAsync(cashier.ToString()))!;
            return (await users.IsLockedOutAsync(user), await users.GetAccessFailedCountAsync(user));
        });
        Assert.False(locked);
        Assert.Equal(0, failures);
        Assert.True(await CanSignInAsync(h, "cashier", "Cashier-Demo-1"));
        var change = Assert.Single(await h.UserChangesAsync());
        Assert.Contains("\"Reset\":\"lockout\"", change.After!, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Deactivated_member_cannot_sign_in_and_their_old_cookies_stop_validating(DatabaseProvider provider)
    {
        await using var h = await StartAsync(provider);
        var (cashier, stamp) = await h.WithUsers(async users =>
        {
            var user = (await users.FindByNameAsync("cashier"))!;
            return (user.Id, user.SecurityStamp);
        });

        var result = await h.Staff.SetActiveAsync(h.Admin, cashier, active: false);

        Assert.True(result.Succeeded, result.Error);
        Assert.False(await CanSignInAsync(h, "cashier", "Cashier-Demo-1"));
        var newStamp = await h.WithUsers(async users => (await users.FindByIdAsync(cashier.ToString()))!.SecurityStamp);
        Assert.NotEqual(stamp, newStamp);

        Assert.True((await h.Staff.SetActiveAsync(h.Admin, cashier, active: true)).Succeeded);
        Assert.True(await CanSignInAsync(h, "cashier", "Cashier-Demo-1"));
        var changes = await h.UserChangesAsync();
        Assert.Equal(2, changes.Count);
        Assert.Contains("\"Active\":false", changes[0].After!, StringComparison.Ordinal);
        Assert.Contains("\"Active\":true", changes[1].After!, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Admin_cannot_deactivate_or_demote_themself(DatabaseProvider provider)
    {
        await using var h = await StartAsync(provider);

        var deactivate = await h.Staff.SetActiveAsync(h.Admin, h.AdminId, active: false);
        var demote = await h.Staff.ChangeRoleAndBranchAsync(h.Admin, h.AdminId, StaffRole.Cashier, h.Main.Id);

        Assert.False(deactivate.Succeeded);
        Assert.Contains("your own account", deactivate.Error, StringComparison.Ordinal);
        Assert.False(demote.Succeeded);
        Assert.Contains("your own role", demote.Error, StringComparison.Ordinal);
        Assert.True(await CanSignInAsync(h, "admin", "Admin-Demo-1"));
        var roles = await h.WithUsers(async users => await users.GetRolesAsync((await users.FindByIdAsync(h.AdminId.ToString()))!));
        Assert.Equal([StaffRole.Admin], roles);
        Assert.Empty(await h.UserChangesAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Password_and_pin_resets_take_effect_and_never_reach_the_audit_trail(DatabaseProvider provider)
    {
        await using var h = await StartAsync(provider);
        var cashier = await h.WithUsers(async users => (await users.FindByNameAsync("cashier"))!.Id);

        var weak = await h.Staff.ResetPasswordAsync(h.Admin, cashier, "abc");
        Assert.False(weak.Succeeded);
        Assert.True(await CanSignInAsync(h, "cashier", "Cashier-Demo-1"));

        Assert.True((await h.Staff.ResetPasswordAsync(h.Admin, cashier, "New-Cashier-Pass-9")).Succeeded);
        Assert.False((await h.Staff.ResetPinAsync(h.Admin, cashier, "123")).Succeeded);
        Assert.True((await h.Staff.ResetPinAsync(h.Admin, cashier, "9876")).Succeeded);

        Assert.False(await CanSignInAsync(h, "cashier", "Cashier-Demo-1"));
        Assert.True(await CanSignInAsync(h, "cashier", "New-Cashier-Pass-9"));
        var pinHash = await h.WithUsers(async users => (await users.FindByIdAsync(cashier.ToString()))!.PinHash!);
        Assert.NotEqual(PasswordVerificationResult.Failed,
            h.Services.GetRequiredService<IPasswordHasher<RegisterPin>>().VerifyHashedPassword(new RegisterPin(), pinHash, "9876"));
        var changes = await h.UserChangesAsync();
        Assert.Equal(2, changes.Count);
        Assert.Contains("\"Reset\":\"password\"", changes[0].After!, StringComparison.Ordinal);
        Assert.Contains("\"Reset\":\"pin\"", changes[1].After!, StringComparison.Ordinal);
        Assert.All(changes, c => AssertNoSecrets(c, "New-Cashier-Pass-9", "9876", "Cashier-Demo-1"));
    }
}
