namespace PharmacyPos.Tests.TestInfrastructure;

public static class UriExtensions
{
    /// <summary>The local part of a redirect, whether the server sent it absolute or relative.</summary>
    public static string PathAndQueryOf(this Uri location) =>
        location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
}
