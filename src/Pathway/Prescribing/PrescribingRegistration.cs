namespace Pathway.Prescribing;

public static class PrescribingRegistration
{
    public static void AddPathwayPrescribing(this WebApplicationBuilder builder) => builder.Services.AddScoped<Prescribe>();
}
