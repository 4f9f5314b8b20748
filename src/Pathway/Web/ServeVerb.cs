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
            var isDemo = parse.GetValue(demo);
            if (isDemo)
            {
                await using var db = target.CreateDb();
                await DemoArea.FillIfEmptyAsync(db, DemoOptions.Default, console, cancel);
                foreach (var user in DemoArea.AllSignIns)
                    console.Out.WriteLine($"demo sign-in: {user.Email} {DemoArea.Password} {user.Role}");
                await console.Out.FlushAsync(cancel);
            }
            var settings = new WebSettings(parse.GetValue(urls), isDemo || await DemoArea.IsPresentAsync(target, cancel));
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
}
