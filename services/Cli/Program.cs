return await Ogi.Cli.Cli.RunAsync(args, Console.Out, Console.Error);
