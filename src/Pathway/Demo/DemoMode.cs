namespace Pathway.Demo;

/// <summary>
/// The running site holds demonstration data: every page says so, and demo staff sign in with a password
/// alone (everywhere else two-factor authentication is required). On only with `serve --demo`, never because of
/// what the database holds.
/// </summary>
public sealed record DemoMode(bool IsOn);
