using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Features.Administration.Staff;
using PharmacyPos.Web.Infrastructure.Identity;

namespace PharmacyPos.Tests.Features;

/// <summary>
/// A sign-in is re-checked against the member of staff's record every few minutes: the cookie by Identity's
/// security stamp validator, an open screen by its circuit. The check keeps where they work (branch, register,
/// session) and ends the rights of someone deactivated, demoted or moved.
/// </summary>
public sealed partial class SignInRevalidationTests : IDisposable
{
    private static readonly TimeSpan PastTheCheck = Web.Infrastructure.Identity.IdentityServiceCollectionExtensions.RevalidationInterval + TimeSpan.FromMinutes(1);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly PosAppFactory _app;

    public SignInRevalidationTests() => _app = new PosAppFactory { Time = _time };

    public void Dispose() => _app.Dispose();

    [GeneratedRegex("data-testid=\"branch-name\"[^>]*>([^<]*)<")]
    private static partial Regex BranchName();

    [GeneratedRegex("class=\"staff-register\"[^>]*>([^<]*)<")]
    private static partial Regex RegisterName();

    private static (string Branch, string Register) WhereSignedIn(string html) =>
        (BranchName().Match(html).Groups[1].Value.Trim(), RegisterName().Match(html).Groups[1].Value.Trim());

    private ClaimsPrincipal Admin()
    {
        using var scope = _app.Services.CreateScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByNameAsync("admin").GetAwaiter().GetResult()!;
        return new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, admin.Id.ToString()),
            new Claim(ClaimTypes.Name, "admin"),
            new Claim(ClaimTypes.Role, StaffRole.Admin),
            new Claim(PosClaims.Branch, admin.HomeBranchId.ToString()),
        ], "test"));
    }

    private async Task<Guid> UserIdAsync(string userName)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByNameAsync(userName))!.Id;
    }

    [Fact]
    public async Task Branch_and_register_survive_the_security_stamp_check()
    {
        using var client = _app.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await PosAppFactory.SignInAsync(client, "cashier", "Cashier-Demo-1")).StatusCode);
        var signedIn = WhereSignedIn(await client.GetStringAsync("/"));
        Assert.NotEqual("", signedIn.Branch);
        Assert.NotEqual("", signedIn.Register);

        _time.Advance(PastTheCheck);
        var checkedAgain = await client.GetAsync("/");

        // Identity re-checked the stamp and renewed the cookie with a principal rebuilt from the database.
        Assert.Equal(HttpStatusCode.OK, checkedAgain.StatusCode);
        Assert.Contains(checkedAgain.Headers.GetValues("Set-Cookie"), c => c.StartsWith("pos.auth=", StringComparison.Ordinal));
        Assert.Equal(signedIn, WhereSignedIn(await checkedAgain.Content.ReadAsStringAsync()));
        // The renewed cookie carries them on.
        Assert.Equal(signedIn, WhereSignedIn(await client.GetStringAsync("/")));
    }

    [Fact]
    public async Task Session_and_every_sign_in_claim_survive_the_refreshed_principal()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<StaffUser>>();
        var user = (await users.FindByNameAsync("pharmacist"))!;
        var current = await signIn.CreateUserPrincipalAsync(user);
        var added = PosClaims.SignInClaims.Select(type => new Claim(type, $"value of {type}")).ToList();
        ((ClaimsIdentity)current.Identity!).AddClaims(added);
        var renewed = await signIn.CreateUserPrincipalAsync(user);

        await PosClaims.KeepSignInClaims(new SecurityStampRefreshingPrincipalContext { CurrentPrincipal = current, NewPrincipal = renewed });

        foreach (var claim in added)
            Assert.Equal(claim.Value, renewed.FindFirstValue(claim.Type));
        Assert.Equal(user.Id, renewed.UserId());
    }

    [Fact]
    public async Task Deactivated_member_of_staff_is_signed_out_at_the_next_check()
    {
        using var client = _app.CreateBrowserLikeClient();
        await PosAppFactory.SignInAsync(client, "cashier", "Cashier-Demo-1");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        var staff = _app.Services.GetRequiredService<StaffAdministration>();
        Assert.True((await staff.SetActiveAsync(Admin(), await UserIdAsync("cashier"), active: false)).Succeeded);
        _time.Advance(PastTheCheck);

        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQueryOf(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_screens_revalidate_their_sign_in()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        Assert.IsType<StaffRevalidatingAuthenticationStateProvider>(scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>());
    }

    [Theory]
    [InlineData("demoted")]
    [InlineData("moved")]
    [InlineData("deactivated")]
    [InlineData("password reset")]
    public async Task Open_screen_loses_its_rights_when_the_member_of_staff_changes(string change)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var circuit = (StaffRevalidatingAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<StaffUser>>();
        var pharmacist = (await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByNameAsync("pharmacist"))!;
        var screen = await signIn.CreateUserPrincipalAsync(pharmacist);
        Assert.True(await circuit.IsStillEntitledAsync(screen));

        var staff = _app.Services.GetRequiredService<StaffAdministration>();
        var branches = await staff.BranchesAsync();
        var result = change switch
        {
            "demoted" => await staff.ChangeRoleAndBranchAsync(Admin(), pharmacist.Id, StaffRole.Cashier, pharmacist.HomeBranchId),
            "moved" => await staff.ChangeRoleAndBranchAsync(Admin(), pharmacist.Id, StaffRole.Pharmacist, branches.First(b => b.Id != pharmacist.HomeBranchId).Id),
            "deactivated" => await staff.SetActiveAsync(Admin(), pharmacist.Id, active: false),
            _ => await staff.ResetPasswordAsync(Admin(), pharmacist.Id, "Another-Pharm-Pass-3"),
        };

        Assert.True(result.Succeeded, result.Error);
        Assert.False(await circuit.IsStillEntitledAsync(screen));
    }
}
