namespace Pathway.Exchange;

/// <summary>
/// Checks a bundle and notes the providers its episodes name, so a data officer's upload can be held to their own
/// providers (<see cref="Access.RecordAccess.RefuseLoadAsync"/>) before anything is loaded.
/// </summary>
public sealed class BundleProviders : IBundleSink
{
    private static readonly int ProviderColumn = BundleFormat.Episodes.IndexOf("provider_code");

    public SortedSet<string> Named { get; } = new(StringComparer.Ordinal);

    public void Write(BundleFile file, object?[] values)
    {
        if (file == BundleFormat.Episodes && values[ProviderColumn] is string provider) Named.Add(provider);
    }

    public static (BundleCheck Check, IReadOnlySet<string> Providers) Check(Bundle bundle, DateOnly today)
    {
        var providers = new BundleProviders();
        return (BundleRules.Check(bundle, today, providers), providers.Named);
    }
}
