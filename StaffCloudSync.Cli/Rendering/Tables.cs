using Spectre.Console.Rendering;

namespace StaffCloudSync.Cli.Rendering;

/// <summary>Tables whose cells are plain text: ids, reasons and names are data, never Spectre markup.</summary>
internal static class Tables
{
    public static Table Create(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
            table.AddColumn(new TableColumn(new Text(column, new Style(decoration: Decoration.Bold))));

        return table;
    }

    /// <summary>Keeps ids and times on one line (they are copied and pasted); the prose columns wrap instead.</summary>
    public static Table NoWrap(this Table table, params int[] columns)
    {
        foreach (var column in columns)
            table.Columns[column].NoWrap();

        return table;
    }

    /// <summary>One row per item, with the cells <paramref name="cells"/> makes of it; a null cell reads "—".</summary>
    public static Table Rows<T>(this Table table, IEnumerable<T> items, Func<T, string?[]> cells)
    {
        foreach (var item in items)
            table.AddRow(cells(item).Select(c => (IRenderable)new Text(c ?? "—")));

        return table;
    }

    /// <summary>A heading line: bold on a terminal, plain in a file.</summary>
    public static void Heading(this IAnsiConsole console, string text)
    {
        console.WriteLine();
        console.Write(new Text(text + "\n", new Style(decoration: Decoration.Bold)));
    }

    public static void Line(this IAnsiConsole console, string text, Style? style = null) =>
        console.Write(new Text(text + "\n", style ?? Style.Plain));
}
