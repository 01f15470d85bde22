import com.adobe.epubcheck.tool.EpubChecker;

/**
 * EPUBCheck on many books in one JVM (one start-up instead of one per book).
 * Arguments come in pairs: BOOK.epub REPORT.json; each report is EPUBCheck's own JSON.
 * Run as a source file: java -cp epubcheck.jar scripts/EpubCheckBatch.java A.epub A.json ...
 */
public class EpubCheckBatch {
    public static void main(String[] args) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            new EpubChecker().run(new String[] {args[i], "--json", args[i + 1], "-q"});
        }
    }
}
