/// Where user signature files live: `$XDG_CONFIG_HOME/ipsec-console/signatures`, or
/// `~/.config/ipsec-console/signatures` when the variable is unset, empty or relative (the
/// XDG base directory rules ignore relative values). Walkthrough files sit next to them,
/// in `.../ipsec-console/walkthroughs` (`folder`).
public enum SignatureOverrideDirectory {
    public static func path(environment: [String: String], homeDirectory: String, folder: String = "signatures") -> String {
        let configHome: String
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            configHome = xdg
        } else {
            configHome = (homeDirectory.hasSuffix("/") ? String(homeDirectory.dropLast()) : homeDirectory) + "/.config"
        }
        return (configHome.hasSuffix("/") ? String(configHome.dropLast()) : configHome) + "/ipsec-console/" + folder
    }
}
