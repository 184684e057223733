using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Azure.Core;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.FileProviders;
using PharmacyPos.Web.Infrastructure.Configuration;
using PharmacyPos.Web.Infrastructure.Security;

namespace PharmacyPos.Tests.Infrastructure.Security;

/// <summary>With a Key Vault key configured, the Data Protection keys are stored only encrypted with it.</summary>
public sealed class KeyVaultKeyRingEncryptionTests : IDisposable
{
    private const string KeyId = "https://kv-pos-test.vault.azure.net/keys/data-protection";
    private readonly string _folder = Directory.CreateTempSubdirectory("pos-keys-").FullName;

    /// <summary>The vault's wrapkey and unwrapkey operations over an RSA key of its own, as Key Vault answers them.</summary>
    private sealed class FakeVault : HttpMessageHandler
    {
        public RSA Key { get; } = RSA.Create(2048);
        public List<string> Calls { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.Equal("Bearer", request.Headers.Authorization?.Scheme);
            var body = await request.Content!.ReadFromJsonAsync<Dictionary<string, string>>(cancellationToken);
            Assert.Equal("RSA-OAEP-256", body!["alg"]);
            var value = Base64Url.DecodeFromChars(body["value"]);
            var operation = request.RequestUri!.AbsolutePath.Split('/')[^1];
            Calls.Add(request.RequestUri.GetLeftPart(UriPartial.Path));
            var result = operation == "wrapkey" ? Key.Encrypt(value, RSAEncryptionPadding.OaepSHA256) : Key.Decrypt(value, RSAEncryptionPadding.OaepSHA256);
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = JsonContent.Create(new Dictionary<string, string> { ["kid"] = KeyId + "/version1", ["value"] = Base64Url.EncodeToString(result) }),
            };
        }
    }

    private sealed class FakeCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("token-for-" + string.Join(',', requestContext.Scopes), DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }

    private IDataProtectionProvider Provider(FakeVault vault) => new ServiceCollection()
        .AddDataProtection().SetApplicationName("PharmacyPos").PersistKeysToFileSystem(new DirectoryInfo(_folder))
        .ProtectKeysWithAzureKeyVault(new Uri(KeyId), new FakeCredential(), vault).Services
        .BuildServiceProvider().GetRequiredService<IDataProtectionProvider>();

    [Fact]
    public void Keys_are_stored_wrapped_by_the_vault_key_and_read_back_through_it()
    {
        using var vault = new FakeVault();
        var protectedText = Provider(vault).CreateProtector("sign-in").Protect("pharmacist");

        var stored = string.Join("\n", Directory.GetFiles(_folder, "*.xml").Select(File.ReadAllText));
        Assert.Contains("<encryptedKey", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", stored, StringComparison.Ordinal);
        Assert.Contains(vault.Calls, c => c == KeyId + "/wrapkey");

        // Another instance (a new key ring read from storage) unwraps through the vault, with the key version that wrapped it.
        Assert.Equal("pharmacist", Provider(vault).CreateProtector("sign-in").Unprotect(protectedText));
        Assert.Contains(vault.Calls, c => c == KeyId + "/version1/unwrapkey");
    }

    [Theory]
    [InlineData("kv-pos-test.vault.azure.net/keys/data-protection")]
    [InlineData("http://kv-pos-test.vault.azure.net/keys/data-protection")]
    [InlineData("https://kv-pos-test.vault.azure.net/secrets/data-protection")]
    [InlineData("https://kv-pos-test.vault.azure.net/keys")]
    public void A_malformed_key_setting_stops_the_start_naming_the_setting(string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AllowedHosts"] = "*",
            [WebHardening.KeyVaultKeySetting] = value,
        }).Build();
        var environment = new ProductionHost();

        var refused = Assert.Throws<PosConfigurationException>(() => new ServiceCollection().AddWebHardening(configuration, environment));

        Assert.Equal(WebHardening.KeyVaultKeySetting, refused.Setting);
    }

    [Theory]
    [InlineData("https://pos.example-pharmacy.com")]
    [InlineData("pos.example-pharmacy.com:443")]
    [InlineData("pos.example-pharmacy.com/path")]
    public void A_malformed_AllowedHosts_stops_the_start_naming_the_setting(string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AllowedHosts"] = value }).Build();
        var environment = new ProductionHost();

        var refused = Assert.Throws<PosConfigurationException>(() => new ServiceCollection().AddWebHardening(configuration, environment));

        Assert.Equal(WebHardening.AllowedHostsSetting, refused.Setting);
    }

    private sealed class ProductionHost : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;
        public string ApplicationName { get; set; } = "PharmacyPos.Web";
        public string ContentRootPath { get; set; } = Path.GetTempPath();
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
