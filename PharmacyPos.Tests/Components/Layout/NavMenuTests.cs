using Bunit;
using PharmacyPos.Tests.TestInfrastructure;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Web.Components.Layout;
using PharmacyPos.Web.Infrastructure.Identity;

namespace PharmacyPos.Tests.Components.Layout;

public class NavMenuTests : ComponentTestContext
{
    public static TheoryData<string> Roles() => new(StaffRole.All);

    [Theory]
    [MemberData(nameof(Roles))]
    public void Shows_a_role_exactly_the_entries_its_policies_allow(string role)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("someone");
        auth.SetRoles(role);
        auth.SetPolicies(Policies.Roles.Where(p => p.Value.Contains(role)).Select(p => p.Key).ToArray());

        var menu = Render<NavMenu>();

        foreach (var item in NavItems.All)
        {
            var shown = menu.FindAll($"[data-testid=nav-{item.Key}]").Count > 0;
            Assert.Equal(Policies.Roles[item.Policy].Contains(role), shown);
        }
    }
}
