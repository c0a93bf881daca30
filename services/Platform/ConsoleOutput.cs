namespace Ogi.Platform;

/// <summary>Writes each service's lines prefixed by its name, in a colour of its own, one line at a time.</summary>
internal sealed class ConsoleOutput
{
    private static readonly ConsoleColor[] Palette = [ConsoleColor.Cyan, ConsoleColor.Green, ConsoleColor.Yellow, ConsoleColor.Magenta, ConsoleColor.Blue];
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ConsoleColor> _colours = [];
    private readonly int _width;

    public ConsoleOutput(IEnumerable<string> names) => _width = names.Max(n => n.Length);

    public void Line(string source, string text, bool error)
    {
        lock (_gate)
        {
            if (!_colours.TryGetValue(source, out var colour))
            {
                colour = _colours[source] = Palette[_colours.Count % Palette.Length];
            }

            Console.ForegroundColor = error ? ConsoleColor.Red : colour;
            Console.Write(source.PadRight(_width));
            Console.Write(" | ");
            Console.ResetColor();
            Console.WriteLine(text);
        }
    }

    public void Say(string text) => Line("platform", text, error: false);
}
