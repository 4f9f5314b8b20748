namespace Pathway.Demo;

/// <summary>Marks a database that holds synthetic demonstration data, so every page can say so.</summary>
public class DemoStamp
{
    public int Id { get; set; }
    public int Seed { get; set; }
    public int People { get; set; }
    public int Years { get; set; }
    public DateOnly ReferenceDate { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
