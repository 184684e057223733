using System.Net;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Infrastructure.Identity;

namespace PharmacyPos.Tests.Features;

/// <summary>Each device signs in at its own register, chosen from its branch's list and remembered by the browser.</summary>
public class RegisterChoiceAtSignInTests : IClassFixture<PosAppFactory>
{
    private readonly PosAppFactory _app;

    public RegisterChoiceAtSignInTests(PosAppFactory app) => _app = app;

    [Fact]
    public async Task The_sign_in_form_offers_the_registers_of_each_branch_and_no_default()
    {
        using var client = _app.CreateBrowserLikeClient();
        var form = await client.GetStringAsync("/account/login");

        Assert.Matches("<select[^>]*id=\"register\"", form);
        Assert.DoesNotMatch("<input[^>]*id=\"register\"", form);
        Assert.Contains("value=\"BR-001/R1\"", form, StringComparison.Ordinal);
        Assert.Contains("value=\"BR-002/RX1\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain(" selected", form, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("BR-002/R1", "That register is at another branch. You work at Main Street Pharmacy: choose one of its registers.")]
    [InlineData("R99", "Main Street Pharmacy has no register R99. Choose this device's register from the list.")]
    [InlineData("BR-001/R 1", "A register is letters, digits and dashes, for example R1.")]
    public async Task A_register_not_at_the_users_branch_is_refused_and_nobody_is_signed_in(string register, string message)
    {
        using var client = _app.CreateBrowserLikeClient();
        var response = await PosAppFactory.SignInAsync(client, "cashier", "Cashier-Demo-1", register);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(message), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task The_device_remembers_its_register_and_offers_it_at_the_next_sign_in()
    {
        using var client = _app.CreateBrowserLikeClient();
        var response = await PosAppFactory.SignInAsync(client, "cashier", "Cashier-Demo-1", "BR-001/R2");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var remembered = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(RegisterChoices.DeviceCookie + "=", StringComparison.Ordinal));
        Assert.Contains("expires=", remembered, StringComparison.OrdinalIgnoreCase);

        using var device = _app.CreateBrowserLikeClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Add("Cookie", remembered.Split(';')[0]);
        var form = await (await device.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Matches("value=\"BR-001/R2\" selected", form);
    }
}
