using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Azure.Core;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;

namespace PharmacyPos.Web.Infrastructure.Security;

/// <summary>
/// Wraps and unwraps data keys with a Key Vault key (RSA-OAEP-256) through the vault's REST API, signed in
/// with the app's managed identity: the key never leaves the vault.
/// </summary>
public sealed class KeyVaultKeyWrapper
{
    private const string ApiVersion = "7.4";
    private const string Algorithm = "RSA-OAEP-256";
    private readonly TokenCredential _credential;
    private readonly HttpClient _http;
    private readonly string[] _scopes;

    public KeyVaultKeyWrapper(Uri keyId, TokenCredential credential, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        KeyId = keyId;
        _credential = credential ?? throw new ArgumentNullException(nameof(credential));
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        // The token's audience is the vault service of the key's cloud: https://vault.azure.net for myvault.vault.azure.net.
        _scopes = [$"https://{keyId.Host[(keyId.Host.IndexOf('.', StringComparison.Ordinal) + 1)..]}/.default"];
    }

    public Uri KeyId { get; }

    /// <summary>Returns the wrapped key and the id of the key version that wrapped it (needed to unwrap after a rotation).</summary>
    public async Task<(byte[] Wrapped, string Kid)> WrapAsync(byte[] key, CancellationToken ct = default)
    {
        var answer = await CallAsync(new Uri($"{KeyId.AbsoluteUri.TrimEnd('/')}/wrapkey?api-version={ApiVersion}"), key, ct);
        return (Base64Url.DecodeFromChars(answer.Value), answer.Kid ?? KeyId.AbsoluteUri);
    }

    public async Task<byte[]> UnwrapAsync(string kid, byte[] wrapped, CancellationToken ct = default)
    {
        var answer = await CallAsync(new Uri($"{kid.TrimEnd('/')}/unwrapkey?api-version={ApiVersion}"), wrapped, ct);
        return Base64Url.DecodeFromChars(answer.Value);
    }

    private sealed record KeyOperation(string? Kid, string Value);

    private async Task<KeyOperation> CallAsync(Uri operation, byte[] value, CancellationToken ct)
    {
        var token = await _credential.GetTokenAsync(new TokenRequestContext(_scopes), ct);
        using var request = new HttpRequestMessage(HttpMethod.Post, operation)
        {
            Content = JsonContent.Create(new Dictionary<string, string> { ["alg"] = Algorithm, ["value"] = Base64Url.EncodeToString(value) }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        using var response = await _http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Key Vault refused the {operation.AbsolutePath.Split('/')[^1]} operation on {KeyId} ({(int)response.StatusCode}): check that the app's identity may wrap and unwrap with the key.");
        var json = await response.Content.ReadFromJsonAsync<Dictionary<string, string>>(ct) ?? [];
        return new KeyOperation(json.GetValueOrDefault("kid"), json.GetValueOrDefault("value") ?? throw new InvalidOperationException("Key Vault answered without a value."));
    }
}

/// <summary>
/// Encrypts each Data Protection key before it is stored (Redis or the key folder): a fresh AES-256-GCM key
/// encrypts the key's XML, and that AES key is stored only wrapped by the Key Vault key.
/// </summary>
public sealed class KeyVaultXmlEncryptor(KeyVaultKeyWrapper wrapper) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var key = RandomNumberGenerator.GetBytes(32);
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var cipher = new byte[plain.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using (var aes = new AesGcm(key, tag.Length)) aes.Encrypt(nonce, plain, cipher, tag);
        // The key manager's interface is synchronous; a key is made once in its lifetime (90 days by default).
        var (wrapped, kid) = wrapper.WrapAsync(key).GetAwaiter().GetResult();
        CryptographicOperations.ZeroMemory(key);
        var element = new XElement("encryptedKey",
            new XComment(" This key is encrypted with a Key Vault key. "),
            new XElement("kid", kid),
            new XElement("key", Convert.ToBase64String(wrapped)),
            new XElement("nonce", Convert.ToBase64String(nonce)),
            new XElement("tag", Convert.ToBase64String(tag)),
            new XElement("value", Convert.ToBase64String(cipher)));
        return new EncryptedXmlInfo(element, typeof(KeyVaultXmlDecryptor));
    }
}

/// <summary>Made by the key manager from the type name stored with each key, with the app's services.</summary>
public sealed class KeyVaultXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var wrapper = services.GetRequiredService<KeyVaultKeyWrapper>();
        string Part(string name) => (string?)encryptedElement.Element(name) ?? throw new CryptographicException($"The encrypted key has no {name}.");
        var key = wrapper.UnwrapAsync(Part("kid"), Convert.FromBase64String(Part("key"))).GetAwaiter().GetResult();
        var cipher = Convert.FromBase64String(Part("value"));
        var tag = Convert.FromBase64String(Part("tag"));
        var plain = new byte[cipher.Length];
        using (var aes = new AesGcm(key, tag.Length)) aes.Decrypt(Convert.FromBase64String(Part("nonce")), cipher, tag, plain);
        CryptographicOperations.ZeroMemory(key);
        return XElement.Parse(Encoding.UTF8.GetString(plain));
    }
}

public static class KeyVaultKeyRingEncryption
{
    /// <summary>
    /// Keys of the ring are stored encrypted with the Key Vault key <paramref name="keyId"/>
    /// (https://{vault}.vault.azure.net/keys/{name}[/{version}]); reading them needs the vault.
    /// </summary>
    public static IDataProtectionBuilder ProtectKeysWithAzureKeyVault(this IDataProtectionBuilder builder, Uri keyId,
        TokenCredential credential, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var wrapper = new KeyVaultKeyWrapper(keyId, credential, handler);
        builder.Services.AddSingleton(wrapper);
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlEncryptor = new KeyVaultXmlEncryptor(wrapper)));
        return builder;
    }

    /// <summary>The problem with a Key Vault key id, in the operator's words; null when it can be used.</summary>
    public static string? Problem(string value) =>
        !Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || uri.Query.Length > 0
            ? $"is not a Key Vault key URL like https://<vault>.vault.azure.net/keys/<name> (it is \"{value}\")."
            : uri.Segments.Length is not (3 or 4) || !string.Equals(uri.Segments[1], "keys/", StringComparison.OrdinalIgnoreCase)
                ? $"must name a key: https://<vault>.vault.azure.net/keys/<name>, optionally /<version> (it is \"{value}\")."
                : !uri.Host.Contains('.', StringComparison.Ordinal)
                    ? $"must name the vault's host, such as <vault>.vault.azure.net (it is \"{value}\")."
                    : null;
}
