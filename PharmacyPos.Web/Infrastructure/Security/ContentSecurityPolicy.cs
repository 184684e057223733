using System.Security.Cryptography;
using System.Text.Json;

namespace PharmacyPos.Web.Infrastructure.Security;

/// <summary>
/// The response headers every page and endpoint carries: a content security policy that Blazor Server and
/// MudBlazor work under, no framing by any site (clickjacking a register), no content-type sniffing, and no
/// referrer (addresses never leave for another site). Violations are reported to <see cref="ReportPath"/> and logged.
/// </summary>
public static class ContentSecurityPolicy
{
    public const string ReportPath = "/csp-reports";

    /// <summary>A report is a few hundred bytes; anything far larger is not a browser's report.</summary>
    public const int MaxReportBytes = 16 * 1024;

    private const string NonceKey = "pos.csp-nonce";

    /// <summary>
    /// Scripts only from this site, plus the one inline script the framework writes (the import map), which carries
    /// this request's nonce. Styles allow 'unsafe-inline' because MudBlazor needs it: its theme provider writes a
    /// &lt;style&gt; block of CSS variables from the circuit, and its components render style="…" attributes, neither
    /// of which can carry a nonce. Inline styles cannot run script; what they could leak is held in by img-src,
    /// font-src and connect-src 'self'. connect-src 'self' covers the circuit's WebSocket on the same host (CSP 3).
    /// report-uri rather than report-to: browsers that understand report-to ignore report-uri, and batch reports
    /// for a minute or more; report-uri is sent at once by every browser.
    /// </summary>
    public static string Policy(string nonce) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "font-src 'self' data:; " +
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'; " +
        $"report-uri {ReportPath}";

    /// <summary>This request's nonce, for the inline script the framework writes (the import map).</summary>
    public static string Nonce(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Items[NonceKey] is string nonce) return nonce;
        // Base64url: no character that HTML attribute encoding would change.
        nonce = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        http.Items[NonceKey] = nonce;
        return nonce;
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = Policy(Nonce(http));
            headers.XContentTypeOptions = "nosniff";
            // For browsers that predate frame-ancestors.
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            return Task.CompletedTask;
        });
        return next(http);
    });

    /// <summary>
    /// Browsers post violations here without credentials (application/csp-report from report-uri, or
    /// application/reports+json from the Reporting API); each is logged with the page's path only, never its query.
    /// </summary>
    public static void MapContentSecurityPolicyReports(this IEndpointRouteBuilder app) =>
        app.MapPost(ReportPath, async (HttpContext http, ILoggerFactory loggers) =>
        {
            var log = loggers.CreateLogger(typeof(ContentSecurityPolicy).FullName!);
            if (http.Request.ContentLength > MaxReportBytes) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            var buffer = new byte[MaxReportBytes + 1];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await http.Request.Body.ReadAsync(buffer.AsMemory(length), http.RequestAborted)) > 0)
                length += read;
            if (length > MaxReportBytes) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            try
            {
                using var json = JsonDocument.Parse(buffer.AsMemory(0, length));
                foreach (var report in Reports(json.RootElement))
                {
                    log.LogWarning("Content security policy violation: {Directive} blocked {Blocked} on {Page} (source {Source}, line {Line}).",
                        Text(report, "effective-directive", "effectiveDirective", "violated-directive"), Text(report, "blocked-uri", "blockedURL"),
                        PathOnly(Text(report, "document-uri", "documentURL")), PathOnly(Text(report, "source-file", "sourceFile")),
                        Text(report, "line-number", "lineNumber"));
                }
            }
            catch (JsonException)
            {
                return Results.BadRequest();
            }
            return Results.NoContent();
        }).AllowAnonymous().DisableAntiforgery();

    // report-uri: {"csp-report": {...}}; Reporting API: [{"type": "csp-violation", "body": {...}}, ...].
    private static IEnumerable<JsonElement> Reports(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("csp-report", out var single) && single.ValueKind == JsonValueKind.Object)
            yield return single;
        if (root.ValueKind != JsonValueKind.Array) yield break;
        foreach (var item in root.EnumerateArray().Take(20))
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.Object)
                yield return body;
    }

    private static string Text(JsonElement report, params string[] names)
    {
        foreach (var name in names)
        {
            if (!report.TryGetProperty(name, out var value)) continue;
            var text = value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.ToString();
            // Reports come from anyone: keep what reaches the log short and on one line.
            text = text.ReplaceLineEndings(" ");
            return text.Length > 200 ? text[..200] : text;
        }
        return "";
    }

    private static string PathOnly(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.AbsolutePath : url.Split('?', '#')[0];
}
