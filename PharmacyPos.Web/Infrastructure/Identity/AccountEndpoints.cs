using Microsoft.AspNetCore.Identity;

namespace PharmacyPos.Web.Infrastructure.Identity;

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // Sign-out is a form post with an antiforgery token, so another site cannot sign a register out.
        app.MapPost("/account/logout", async (HttpContext context, SignInManager<StaffUser> signIn, StaffSignIn recorder) =>
        {
            await recorder.SignedOutAsync(context.User);
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/account/login");
        }).RequireAuthorization(Policies.SignedIn).WithMetadata(new RegisterLockGate.Exempt());
    }
}
