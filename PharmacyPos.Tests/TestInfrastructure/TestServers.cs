namespace PharmacyPos.Tests.TestInfrastructure;

/// <summary>
/// The real servers the tests use, as started by test.sh. A test that needs one that is missing fails
/// with a message saying how to get it; it never skips.
/// </summary>
public static class TestServers
{
    public static string Postgres => Require("PHARMACYPOS_TEST_POSTGRES", "PostgreSQL");
    public static string Redis => Require("PHARMACYPOS_TEST_REDIS", "Redis");
    public static string Azurite => Require("PHARMACYPOS_TEST_AZURITE", "the Azurite storage emulator");

    public static string Chromium
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("PHARMACYPOS_CHROMIUM") ?? "/usr/bin/chromium";
            return File.Exists(path)
                ? path
                : throw new InvalidOperationException($"Chromium is required at {path} for end-to-end tests. Run ./test.sh, which installs it.");
        }
    }

    private static string Require(string variable, string what) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"This test needs {what}: set {variable} or run ./test.sh, which starts it.");
}
