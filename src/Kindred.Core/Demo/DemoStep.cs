namespace Kindred.Core.Demo;

/// <summary>One planned action of the demo community, run when the clock reaches <see cref="At"/>.</summary>
internal sealed record DemoStep(DateTime At, int Order, Func<DemoSeeder.Runner, Task> Run);
