/* The few words the outputs add around a transcript, in its language. */
#include <string.h>

#include "backend.h"

static const tr_words hans = { "视频", "频道", "日期", "发言人", "内容纲要",
	"目录", "：", "封面", "扉页", "导览", "正文", "页码", "前言", "附录",
	"、" };
static const tr_words hant = { "影片", "頻道", "日期", "發言人", "內容綱要",
	"目錄", "：", "封面", "扉頁", "導覽", "正文", "頁碼", "前言", "附錄",
	"、" };
static const tr_words ja = { "動画", "チャンネル", "日付", "話者", "概要",
	"目次", "：", "表紙", "扉", "ランドマーク", "本文", "ページ", "前書き",
	"付録", "、" };
static const tr_words en = { "Video", "Channel", "Date", "Speakers",
	"Outline", "Contents", ": ", "Cover", "Title page", "Landmarks",
	"Start of content", "Pages", "Preface", "Appendix", ", " };

const tr_words *tr_words_for(const char *lang)
{
	if (strncmp(lang, "zh", 2) == 0) {
		if (strstr(lang, "Hant") || strstr(lang, "TW") ||
		    strstr(lang, "HK") || strstr(lang, "MO"))
			return &hant;
		return &hans;
	}
	if (strncmp(lang, "ja", 2) == 0)
		return &ja;
	return &en;
}
