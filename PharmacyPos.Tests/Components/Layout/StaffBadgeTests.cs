using System.Security.Claims;
using Bunit;
using PharmacyPos.Tests.TestInfrastructure;
using MudBlazor.Services;
using PharmacyPos.Web.Components.Layout;
using PharmacyPos.Web.Components.Shared;
using PharmacyPos.Web.Infrastructure.Identity;

namespace PharmacyPos.Tests.Components.Layout;

public class StaffBadgeTests : ComponentTestContext
{

    [Fact]
    public void Shows_branch_register_person_and_role()
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, "cashier"),
            new Claim(ClaimTypes.Role, "Cashier"),
            new Claim(PosClaims.DisplayName, "Casey Cashier"),
            new Claim(PosClaims.BranchName, "Main Street Pharmacy"),
            new Claim(PosClaims.Register, "R3"),
        ], "test", ClaimTypes.Name, ClaimTypes.Role));

        var badge = Render<StaffBadge>(p => p.Add(b => b.User, user));

        Assert.Equal("Main Street Pharmacy", badge.Find("[data-testid=branch-name]").TextContent);
        Assert.Contains("R3", badge.Markup, StringComparison.Ordinal);
        Assert.Equal("Casey Cashier", badge.Find("[data-testid=user-name]").TextContent);
        Assert.Contains("Cashier", badge.Find("[data-testid=user-role]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Access_denied_notice_says_what_to_do_in_plain_words()
    {
        var notice = Render<AccessDeniedNotice>();
        Assert.Contains("belongs to another role", notice.Markup, StringComparison.Ordinal);
        Assert.NotNull(notice.Find("a[href='/']"));
    }
}
