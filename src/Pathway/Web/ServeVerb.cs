using System.CommandLine;
using Pathway.Data;
using Pathway.Demo;

namespace Pathway.Web;

public static class ServeVerb
{
    public static Command Create(CliConsole console)
    {
        var urls = new Option<string?>("--urls") { Description = "Where to listen, e.g. http://127.0.0.1:5000 (default http://localhost:5000)." };
        var demo = new Option<bool>("--demo") { Description = "Fill an empty database with a synthetic demonstration area and print the demo sign-ins." };
        var command = new Command("serve", "Run the web application.") { urls, demo };
        command.SetAction(async (parse, cancel) =>
        {
            var target = PathwayCommand.Target(parse);
            await SchemaRules.EnsureUsableAsync(target, cancel);
            var settings = await PrepareAsync(target, parse.GetValue(urls), parse.GetValue(demo), console, cancel);
            var app = PathwayWeb.Build(target, settings);
            if (!settings.Demo && Access.SignIn.SecureCookies(app.Configuration, demo: false))
                console.Error.WriteLine("Outside demo mode Pathway's cookies are Secure: serve it over HTTPS, or behind a TLS proxy that sets "
                    + "X-Forwarded-Proto and is listed in Pathway__KnownProxies. For a trial on plain HTTP set Pathway__SecureCookies=false.");
            if (!settings.Demo && !Access.KeyEncryption.IsConfigured(app.Configuration))
                console.Error.WriteLine("Warning: the keys that protect sign-in cookies are stored unencrypted in the database. Set "
                    + "Pathway__DataProtection__CertificatePath (and CertificatePassword) to a certificate that encrypts them.");
            await app.RunAsync(cancel);
            return ExitCodes.Done;
        });
        return command;
    }

    /// <summary>Everything `serve` does before the site starts: with --demo, fill an empty database and print the sign-ins.</summary>
    public static async Task<WebSettings> PrepareAsync(DatabaseTarget target, string? urls, bool demo, CliConsole console, CancellationToken cancel)
    {
        if (demo)
        {
            await using var db = target.CreateDb();
            await DemoArea.FillIfEmptyAsync(db, DemoOptions.Default, console, cancel);
            foreach (var user in DemoArea.AllSignIns)
                console.Out.WriteLine($"demo sign-in: {user.Email} {DemoArea.Password} {user.Role}");
            await console.Out.FlushAsync(cancel);
        }
        else if (await DemoArea.IsPresentAsync(target, cancel))
            console.Error.WriteLine("The database holds demonstration data, but without --demo every sign-in needs two-factor authentication.");
        // Demo mode (no two-factor, plain cookies) comes from --demo alone: what the database holds must never loosen sign-in.
        return new WebSettings(urls, demo);
    }
}
