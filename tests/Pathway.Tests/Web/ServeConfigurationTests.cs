using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Pathway.Data;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Web;

/// <summary>Operators configure `serve` through environment variables, so these tests set them: alone, never beside another test.</summary>
[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;

[Collection(nameof(ProcessEnvironment))]
public class ServeConfigurationTests
{
    private const string CertificatePath = "Pathway__DataProtection__CertificatePath";
    private const string CertificatePassword = "Pathway__DataProtection__CertificatePassword";

    private static async Task<CliResult> ServeWithAsync(Dictionary<string, string?> environment, params string[] args)
    {
        foreach (var (name, value) in environment) Environment.SetEnvironmentVariable(name, value);
        try
        {
            return await Cli.RunAsync(["serve", .. args]);
        }
        finally
        {
            foreach (var name in environment.Keys) Environment.SetEnvironmentVariable(name, null);
        }
    }

    /// <summary>Refused before listening or touching the database: one sentence, exit 1, nothing on standard output.</summary>
    private static void AssertRefusedWith(CliResult result, string words)
    {
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(words, line);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.DoesNotContain("Exception", result.Error);
    }

    // A database that does not exist: a configuration refusal must come before the database is even looked at.
    private static string NoDatabase() => Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}", "pathway.db");

    private static string WriteCertificate(string password, bool withPrivateKey = true)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Pathway serve configuration test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(Path.GetTempPath(), $"pathway-serve-{Guid.NewGuid():N}.pfx");
        using var exported = withPrivateKey ? certificate : X509CertificateLoader.LoadCertificate(certificate.Export(X509ContentType.Cert));
        File.WriteAllBytes(path, exported.Export(X509ContentType.Pfx, password));
        return path;
    }

    [Fact]
    public async Task AKeyCertificateThatDoesNotExistRefusesToStart()
    {
        var path = Path.Combine(Path.GetTempPath(), $"absent-{Guid.NewGuid():N}.pfx");

        var result = await ServeWithAsync(new() { [CertificatePath] = path }, "--db", NoDatabase());

        AssertRefusedWith(result, $"{CertificatePath} names {path}, which does not exist");
    }

    [Fact]
    public async Task AKeyCertificateWithTheWrongPasswordRefusesToStart()
    {
        var path = WriteCertificate("the-right-password");
        try
        {
            var result = await ServeWithAsync(new() { [CertificatePath] = path, [CertificatePassword] = "a-wrong-password" }, "--db", NoDatabase());

            AssertRefusedWith(result, $"The certificate {path} cannot be opened");
            Assert.DoesNotContain("a-wrong-password", result.Error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task AKeyCertificateWithoutItsPrivateKeyRefusesToStart()
    {
        var path = WriteCertificate("pw-for-a-public-only-file", withPrivateKey: false);
        try
        {
            var result = await ServeWithAsync(new() { [CertificatePath] = path, [CertificatePassword] = "pw-for-a-public-only-file" },
                "--db", NoDatabase());

            AssertRefusedWith(result, "has no private key");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("localhost:4318")]
    [InlineData("/v1/traces")]
    [InlineData("ftp://collector.example/")]
    public async Task AnOtlpEndpointThatIsNotAnHttpAddressRefusesToStart(string endpoint)
    {
        var result = await ServeWithAsync(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint }, "--db", NoDatabase());

        AssertRefusedWith(result, $"OTEL_EXPORTER_OTLP_ENDPOINT must be an absolute http:// or https:// address (such as http://localhost:4318), not \"{endpoint}\"");
    }

    [Fact]
    public async Task AnUnknownOtlpProtocolRefusesToStart()
    {
        var result = await ServeWithAsync(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4318", ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "udp" },
            "--db", NoDatabase());

        AssertRefusedWith(result, "OTEL_EXPORTER_OTLP_PROTOCOL must be http/protobuf or grpc, not \"udp\"");
    }

    [Fact]
    public async Task AKnownProxyThatIsNotAnAddressRefusesToStart()
    {
        var result = await ServeWithAsync(new() { ["Pathway__KnownProxies"] = "127.0.0.1, proxy.example" }, "--db", NoDatabase());

        AssertRefusedWith(result, "Pathway:KnownProxies: \"proxy.example\" is not an IP address: list the addresses");
    }

    [Theory, DatabaseData]
    public async Task PlainHttpWithoutAProxyAndUnencryptedKeysAreWarnedButServed(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);

        var (served, health) = await ServeUntilHealthyAsync(database, []);

        Assert.Equal(0, served.ExitCode);
        Assert.Equal(HttpStatusCode.OK, health);
        Assert.Contains("Warning: outside demo mode Pathway's cookies are Secure, but it listens on plain HTTP and believes no proxy", served.Error);
        Assert.Contains("Warning: the keys that protect sign-in cookies are stored unencrypted in the database", served.Error);
    }

    [Fact]
    public async Task AProxyAndAUsableCertificateServeWithoutWarnings()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var path = WriteCertificate("a-usable-password");
        try
        {
            var (served, health) = await ServeUntilHealthyAsync(database, new()
            {
                ["Pathway__KnownProxies"] = "127.0.0.1",
                [CertificatePath] = path,
                [CertificatePassword] = "a-usable-password",
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9/",
            });

            Assert.Equal(0, served.ExitCode);
            Assert.Equal(HttpStatusCode.OK, health);
            Assert.DoesNotContain("Warning", served.Error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<(CliResult Served, HttpStatusCode? Health)> ServeUntilHealthyAsync(TestDatabase database, Dictionary<string, string?> environment)
    {
        foreach (var (name, value) in environment) Environment.SetEnvironmentVariable(name, value);
        try
        {
            var url = $"http://127.0.0.1:{FreePort()}";
            using var stop = new CancellationTokenSource();
            var serve = Cli.RunAsync(["serve", "--db", database.DbArgument, "--urls", url], stop.Token);
            using var http = new HttpClient();
            HttpStatusCode? health = null;
            for (var i = 0; i < 150 && health is null && !serve.IsCompleted; i++)
            {
                try { health = (await http.GetAsync($"{url}/health/ready")).StatusCode; }
                catch (HttpRequestException) { await Task.Delay(100); }
            }
            await stop.CancelAsync();
            return (await serve, health);
        }
        finally
        {
            foreach (var name in environment.Keys) Environment.SetEnvironmentVariable(name, null);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
