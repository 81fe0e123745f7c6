"""Build the labelled complaint corpus for the suggestion benchmark (tests/data/suggest-corpus.csv).

How it is made: 56 kinds of problem that reach a regency's complaint desk, each written by hand
in four ways (formal letter, chatty, SMS-short, and a fourth wording kept for testing), with the
category and OPD Tim Admin would give it. Each kind is placed in real villages of Empat Lawang
(from the reference list) and rendered with openers, closings, SMS spellings ("tdk", "yg",
"jln") and a few typos, from a fixed random seed. The fourth wording never appears in the
training split: a test report is always a way of saying it that the model has not seen.

Duplicates: a kind at one village is one concrete problem. The test wording is placed once at a
village where a training report already stands (a duplicate in other words) and once at a new
village (a near-miss: same thing, other place). Run: python bench/suggest_corpus.py
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "suggest-corpus.csv"
REGIONS = ROOT / "engine" / "reference" / "data" / "wilayah-empat-lawang.csv"

# kind: (category, OPD, [(title, description) × 4]); {d} is the village, {k} its kecamatan.
KINDS: dict[str, tuple[str, str, list[tuple[str, str]]]] = {
    "jalan_rusak": ("8", "PUPR", [
        ("Jalan rusak parah di Desa {d}",
         "Jalan kabupaten di Desa {d} Kecamatan {k} rusak parah dan berlubang sepanjang kurang "
         "lebih 2 km. Saat hujan jalan menjadi kubangan lumpur dan sulit dilalui kendaraan."),
        ("jalan ke {d} hancur",
         "Pak tolong jalan di {d} ini sudah hancur, lubangnya dalam-dalam, motor sering jatuh. "
         "Sudah bertahun-tahun tidak pernah diperbaiki."),
        ("jalan berlubang", "jalan di ds {d} berlubang besar, tdk ada perbaikan dr dinas"),
        ("Mohon perbaikan aspal jalan {d}",
         "Aspal jalan poros {d} mengelupas dan banyak lubang, truk pengangkut hasil kebun "
         "sering terperosok. Kami minta jalan segera diaspal ulang."),
    ]),
    "jembatan_putus": ("8", "PUPR", [
        ("Jembatan gantung di {d} putus",
         "Jembatan gantung penghubung Desa {d} dengan kebun warga putus sejak banjir minggu "
         "lalu. Anak sekolah terpaksa menyeberang sungai."),
        ("jembatan ambruk",
         "jembatan kayu di {d} ambruk pak, warga tidak bisa lewat, harus memutar jauh sekali"),
        ("jembatan putus", "jembatan di {d} putus kena banjir, mohon dibangun lg"),
        ("Jembatan penghubung {d} rusak berat",
         "Lantai jembatan di {d} sudah lapuk dan sebagian runtuh ke sungai, sangat berbahaya "
         "untuk pejalan kaki dan sepeda motor."),
    ]),
    "drainase": ("8", "PUPR", [
        ("Saluran drainase tersumbat di {d}",
         "Siring/drainase di sepanjang jalan Desa {d} tersumbat lumpur sehingga air meluap ke "
         "jalan dan rumah warga setiap hujan deras."),
        ("got mampet", "got di {d} mampet pak, tiap hujan air naik ke rumah rumah warga"),
        ("siring tersumbat", "siring di {d} tsumbat, air luber ke jln"),
        ("Gorong-gorong {d} perlu dibersihkan",
         "Gorong-gorong di depan pasar {d} penuh sampah dan tanah, air hujan tidak bisa "
         "mengalir dan menggenangi badan jalan."),
    ]),
    "longsor": ("8", "PUPR", [
        ("Tebing longsor menutup jalan {d}",
         "Tanah longsor dari tebing menutup separuh badan jalan di Desa {d}. Mohon alat berat "
         "dikirim untuk membersihkan material longsor."),
        ("longsor di jalan {d}",
         "habis hujan semalam tanah longsor di jalan {d}, mobil gak bisa lewat pak"),
        ("jalan tertimbun longsor", "jln {d} ketutup longsor, tlg kirim alat berat"),
        ("Material longsoran belum dibersihkan",
         "Sudah seminggu material longsoran di ruas jalan {d} dibiarkan, kendaraan harus "
         "bergantian lewat di sisi jurang."),
    ]),
    "irigasi": ("11", "DISTAN", [
        ("Saluran irigasi sawah {d} jebol",
         "Saluran irigasi yang mengairi sawah di Desa {d} jebol sehingga puluhan hektar sawah "
         "kekeringan menjelang musim tanam."),
        ("irigasi rusak sawah kering",
         "Pak, irigasi di {d} rusak jadi sawah kami kering semua, padi terancam gagal panen"),
        ("irigasi jebol", "irigasi sawah {d} jebol, sawah kering"),
        ("Petani {d} kekurangan air sawah",
         "Bendungan kecil dan saluran air ke persawahan {d} rusak, petani tidak bisa menanam "
         "padi musim ini."),
    ]),
    "pupuk": ("11", "DISTAN", [
        ("Pupuk subsidi langka di {d}",
         "Petani di Desa {d} kesulitan mendapatkan pupuk bersubsidi. Kios pengecer selalu "
         "mengatakan stok habis padahal musim tanam sudah tiba."),
        ("pupuk susah dicari",
         "pupuk urea subsidi di {d} susah sekali dicari, kalau ada harganya di atas HET"),
        ("pupuk subsidi habis", "pupuk subsidi di kios {d} slalu habis, petani bingung"),
        ("Harga pupuk bersubsidi dijual mahal",
         "Pengecer pupuk di {d} menjual pupuk subsidi melebihi harga eceran tertinggi dan "
         "mewajibkan membeli pupuk non subsidi."),
    ]),
    "hama": ("11", "DISTAN", [
        ("Serangan hama wereng di sawah {d}",
         "Tanaman padi di Desa {d} diserang hama wereng, petani meminta bantuan pestisida dan "
         "pendampingan penyuluh pertanian."),
        ("padi kena hama",
         "padi kami di {d} kena hama pak, daunnya kuning semua, penyuluh tidak pernah datang"),
        ("hama tikus", "hama tikus merusak sawah di {d}, mhn bantuan"),
        ("Kebun kopi warga terserang penyakit",
         "Kebun kopi petani {d} terserang penyakit karat daun dan buahnya rontok, mohon "
         "petugas pertanian meninjau."),
    ]),
    "ternak": ("11", "DISTAN", [
        ("Sapi warga {d} mati mendadak",
         "Beberapa ekor sapi milik warga Desa {d} mati mendadak. Kami khawatir ada penyakit "
         "ternak menular dan mohon pemeriksaan dokter hewan."),
        ("kambing sakit",
         "banyak kambing di {d} sakit mulutnya luka, takut nular ke ternak lain"),
        ("ternak mati", "ternak sapi di {d} mati 3 ekor, mohon dicek mantri hewan"),
        ("Vaksinasi ternak belum sampai ke {d}",
         "Peternak di {d} belum mendapat vaksin penyakit mulut dan kuku untuk sapi dan kerbau "
         "mereka."),
    ]),
    "puskesmas_tutup": ("4", "DINKES", [
        ("Puskesmas {d} sering tutup",
         "Puskesmas di {d} sering tutup pada jam pelayanan. Warga yang datang berobat pukul "
         "10 pagi tidak menemukan petugas."),
        ("puskesmas kosong",
         "mau berobat ke puskesmas {d} petugasnya gak ada, cuma ada satpam"),
        ("pkm tutup", "puskesmas {d} tutup jam 10, tdk ada dokter"),
        ("Pelayanan puskesmas {d} tidak sesuai jam",
         "Jam buka puskesmas {d} tidak menentu, pasien menunggu berjam-jam tanpa kepastian."),
    ]),
    "bidan": ("4", "DINKES", [
        ("Bidan desa {d} tidak menetap",
         "Bidan desa yang ditugaskan di Desa {d} jarang berada di tempat sehingga ibu hamil "
         "harus ke kecamatan untuk memeriksakan kandungan."),
        ("bidan gak ada",
         "bidan di {d} jarang ada pak, ibu ibu mau periksa hamil susah"),
        ("bidan desa", "bidan desa {d} tdk pernah ada di polindes"),
        ("Polindes {d} tanpa tenaga kesehatan",
         "Polindes di {d} sudah berbulan-bulan kosong, tidak ada bidan ataupun perawat yang "
         "melayani persalinan."),
    ]),
    "obat": ("4", "DINKES", [
        ("Obat di puskesmas {d} kosong",
         "Pasien di Puskesmas {d} disuruh membeli obat sendiri di apotek karena stok obat "
         "puskesmas kosong, padahal peserta BPJS."),
        ("obat habis",
         "tiap berobat ke puskesmas {d} obatnya habis, disuruh beli di luar"),
        ("stok obat", "obat puskesmas {d} kosong trs, pasien bpjs beli sendiri"),
        ("Pasien diminta tebus obat sendiri",
         "Petugas puskesmas {d} meminta pasien menebus resep di apotek swasta karena obat tidak "
         "tersedia."),
    ]),
    "dbd": ("4", "DINKES", [
        ("Kasus demam berdarah di {d}",
         "Sudah tiga anak di Desa {d} dirawat karena demam berdarah. Mohon dilakukan fogging "
         "dan pemberantasan sarang nyamuk."),
        ("banyak yg kena DBD",
         "di {d} banyak yang kena DBD pak, minta di fogging secepatnya"),
        ("fogging", "mhn fogging di {d}, bnyk anak kena demam berdarah"),
        ("Permintaan pengasapan nyamuk {d}",
         "Nyamuk di lingkungan {d} sangat banyak dan warga terserang DBD, kami meminta "
         "pengasapan dan abatisasi."),
    ]),
    "rsud": ("4", "RSUD", [
        ("Pelayanan IGD RSUD lambat",
         "Keluarga kami dari {d} dibawa ke IGD RSUD Tebing Tinggi tetapi menunggu lebih dari "
         "tiga jam tanpa ditangani dokter."),
        ("igd rsud lama",
         "bawa ortu ke igd rsud dari {d}, nunggu lama bgt gak ditangani, perawatnya jutek"),
        ("rsud lambat", "igd rsud lambat, pasien dr {d} terlantar"),
        ("Pasien rumah sakit daerah ditelantarkan",
         "Pasien asal {d} di ruang rawat inap rumah sakit daerah tidak dikunjungi dokter "
         "selama dua hari."),
    ]),
    "sekolah_rusak": ("10", "DISDIK", [
        ("Atap SD Negeri di {d} bocor dan lapuk",
         "Atap ruang kelas SD Negeri di Desa {d} bocor dan kayunya lapuk. Saat hujan murid "
         "belajar di lantai yang basah, dikhawatirkan roboh."),
        ("sekolah mau roboh",
         "gedung sd di {d} udah mau roboh pak, anak anak takut belajar di kelas"),
        ("sd rusak", "sd di {d} atapnya bocor, kls rusak"),
        ("Ruang kelas tidak layak di {d}",
         "Dinding ruang kelas sekolah dasar di {d} retak dan plafonnya jatuh, mohon "
         "rehabilitasi bangunan sekolah."),
    ]),
    "pungutan_sekolah": ("10", "DISDIK", [
        ("Pungutan di SMP Negeri {d}",
         "Orang tua murid SMP Negeri di {d} diminta membayar uang pembangunan Rp500.000 yang "
         "tidak jelas dasarnya."),
        ("sekolah minta uang",
         "sekolah anak saya di {d} minta uang terus, uang komite, uang buku, uang seragam"),
        ("pungli sekolah", "sekolah di {d} minta uang pembangunan, kami org tdk mampu"),
        ("Biaya seragam dan buku dibebankan orang tua",
         "Siswa baru di sekolah negeri {d} diwajibkan membeli seragam dan LKS dari sekolah "
         "dengan harga mahal."),
    ]),
    "guru": ("10", "DISDIK", [
        ("Guru jarang masuk mengajar di {d}",
         "Beberapa guru SD di Desa {d} jarang hadir sehingga murid sering dipulangkan lebih "
         "awal tanpa pelajaran."),
        ("guru sering bolos",
         "guru di sekolah {d} sering bolos pak, anak anak cuma main di kelas"),
        ("guru tdk masuk", "guru sd {d} jarang masuk, murid pulang cpt"),
        ("Kegiatan belajar di {d} terbengkalai",
         "Sekolah di {d} kekurangan guru dan yang ada sering tidak hadir, jam pelajaran kosong "
         "setiap hari."),
    ]),
    "ppdb": ("10", "DISDIK", [
        ("Anak tidak diterima PPDB zonasi",
         "Anak kami yang tinggal di {d} tidak diterima di SMP terdekat melalui jalur zonasi, "
         "sementara yang rumahnya lebih jauh diterima."),
        ("ppdb tidak adil",
         "ppdb tahun ini gak adil, anak saya dari {d} rumahnya dekat sekolah malah ditolak"),
        ("zonasi", "zonasi ppdb kacau, anak dr {d} tdk diterima"),
        ("Penerimaan murid baru tidak transparan",
         "Pengumuman penerimaan siswa baru di sekolah dekat {d} tidak terbuka, banyak titipan."),
    ]),
    "ktp": ("18", "DISDUKCAPIL", [
        ("KTP elektronik belum jadi",
         "Saya warga {d} sudah merekam KTP elektronik enam bulan lalu tetapi sampai sekarang "
         "belum dicetak dengan alasan blanko habis."),
        ("ektp lama bgt",
         "udah rekam ektp dari tahun lalu blm jadi jadi, tiap ke dukcapil katanya blanko "
         "kosong. sy dari {d}"),
        ("ktp blm jadi", "ktp sy blm jadi2, rekam di {d} 6 bln lalu"),
        ("Pencetakan kartu identitas tertunda",
         "Warga {d} menunggu berbulan-bulan untuk cetak KTP-el, mohon kejelasan ketersediaan "
         "blanko di Disdukcapil."),
    ]),
    "kk": ("18", "DISDUKCAPIL", [
        ("Pengurusan Kartu Keluarga dipersulit",
         "Saat mengurus perubahan Kartu Keluarga di {d}, saya diminta bolak-balik dan "
         "dimintai biaya oleh oknum."),
        ("urus kk susah",
         "urus kk baru di {d} susah bener, disuruh bolak balik, dimintain duit juga"),
        ("kk", "urus kartu keluarga di {d} dipersulit, dimintai uang"),
        ("Perubahan data KK tidak selesai",
         "Permohonan perubahan data kartu keluarga warga {d} sudah sebulan tidak diproses."),
    ]),
    "akta": ("18", "DISDUKCAPIL", [
        ("Akta kelahiran anak belum terbit",
         "Akta kelahiran anak kami yang diurus melalui desa {d} belum terbit setelah tiga "
         "bulan."),
        ("akta lahir lama",
         "bikin akta lahir anak lewat desa {d} udah 3 bulan gak jadi jadi"),
        ("akta", "akta kelahiran anak sy blm terbit, urus di {d}"),
        ("Pembuatan akte kelahiran lambat",
         "Pengurusan akte kelahiran untuk bayi warga {d} sangat lambat dan tidak ada kabar."),
    ]),
    "bansos": ("14", "DINSOS", [
        ("Bantuan sosial tidak tepat sasaran di {d}",
         "Penerima bantuan PKH dan BPNT di Desa {d} banyak yang mampu, sementara warga miskin "
         "yang berhak tidak terdaftar di DTKS."),
        ("bansos salah sasaran",
         "bansos di {d} yg dapet malah orang kaya, yg miskin gak dapet apa apa"),
        ("bansos", "bansos di {d} tdk tepat sasaran, keluarga miskin tdk dpt"),
        ("Data penerima bantuan tidak diperbarui",
         "Daftar penerima bantuan di {d} masih memuat warga yang sudah meninggal dan yang "
         "sudah pindah, warga miskin baru tidak masuk."),
    ]),
    "rtlh": ("14", "DINSOS", [
        ("Rumah warga miskin di {d} hampir roboh",
         "Seorang nenek di Desa {d} tinggal sendirian di rumah papan yang hampir roboh. Mohon "
         "bantuan bedah rumah."),
        ("rumah nenek mau roboh",
         "ada nenek2 di {d} rumahnya mau roboh pak, tinggal sendiri, tolong dibantu"),
        ("bedah rumah", "rumah janda miskin di {d} hampir roboh, mhn bantuan"),
        ("Lansia terlantar butuh bantuan",
         "Lansia di {d} hidup sebatang kara tanpa penghasilan dan rumahnya bocor di mana-mana."),
    ]),
    "lampu_jalan": ("25", "DISHUB", [
        ("Lampu jalan mati di Desa {d}",
         "Lampu penerangan jalan umum di jalan utama Desa {d} mati sejak dua minggu. Jalan "
         "gelap gulita dan rawan kecelakaan pada malam hari."),
        ("lampu jalan padam",
         "pak lampu jalan di {d} mati semua, malam gelap banget takut ada begal"),
        ("pju mati", "lampu jln di {d} mati sdh 2 mgg"),
        ("Penerangan jalan umum {d} tidak menyala",
         "Beberapa tiang lampu jalan di sepanjang jalan {d} tidak menyala lagi, pengendara "
         "kesulitan melihat lubang di malam hari."),
    ]),
    "angkutan": ("25", "DISHUB", [
        ("Tarif angkutan desa {d} naik sepihak",
         "Sopir angkutan umum jurusan {d} menaikkan tarif sepihak tanpa pengumuman dari dinas."),
        ("ongkos travel naik",
         "ongkos angkot dari {d} ke kota naik terus, sopirnya seenaknya"),
        ("tarif angkot", "tarif angkutan {d} naik sepihak"),
        ("Penumpang angkutan umum diminta bayar lebih",
         "Kendaraan umum trayek {d} memungut ongkos melebihi tarif resmi."),
    ]),
    "parkir": ("25", "DISHUB", [
        ("Parkir liar di pasar {d}",
         "Juru parkir liar di sekitar pasar {d} memungut biaya parkir tanpa karcis resmi dan "
         "membuat macet."),
        ("tukang parkir liar",
         "di pasar {d} banyak tukang parkir liar, minta duit parkir gak ada karcisnya"),
        ("parkir liar", "parkir liar di psr {d}, tanpa karcis"),
        ("Pungutan parkir tanpa karcis",
         "Kendaraan yang berhenti di depan toko-toko {d} ditarik uang parkir tanpa karcis."),
    ]),
    "truk_odol": ("25", "DISHUB", [
        ("Truk bertonase berat merusak jalan {d}",
         "Truk angkutan batu bara dan kayu bertonase besar melintas setiap malam di jalan {d} "
         "dan merusak jalan yang baru diperbaiki."),
        ("truk besar lewat",
         "truk truk besar lewat terus di jalan {d} tiap malam, jalan jadi hancur lagi"),
        ("truk overload", "truk batubara lewat jln {d} malam2, bikin rusak"),
        ("Kendaraan muatan lebih melintasi {d}",
         "Angkutan barang kelebihan muatan dibiarkan lewat jalan desa {d} tanpa pengawasan."),
    ]),
    "sampah": ("7", "DLH", [
        ("Sampah menumpuk di TPS {d}",
         "Sampah di tempat pembuangan sementara di {d} tidak diangkut lebih dari seminggu "
         "sehingga berbau busuk dan dikerumuni lalat."),
        ("sampah gak diangkut",
         "sampah di {d} udah numpuk seminggu gak diangkut, baunya kemana mana"),
        ("sampah numpuk", "sampah di tps {d} numpuk, bau"),
        ("Truk sampah tidak datang ke {d}",
         "Petugas kebersihan tidak pernah lagi mengangkut sampah rumah tangga di {d}, warga "
         "terpaksa membakarnya."),
    ]),
    "limbah": ("7", "DLH", [
        ("Limbah pabrik mencemari sungai di {d}",
         "Limbah cair pabrik kelapa sawit dibuang ke sungai dekat {d}, air menjadi hitam dan "
         "ikan-ikan mati."),
        ("sungai tercemar limbah",
         "air sungai di {d} jadi hitam bau, kayaknya limbah pabrik, ikan pada mati"),
        ("limbah", "limbah pabrik cemari sungai {d}"),
        ("Pencemaran air sungai oleh perusahaan",
         "Perusahaan di sekitar {d} membuang limbah ke aliran sungai yang dipakai warga mandi."),
    ]),
    "pembalakan": ("7", "DLH", [
        ("Penebangan hutan liar di {d}",
         "Ada aktivitas penebangan kayu secara liar di kawasan hutan dekat Desa {d} setiap "
         "malam dengan truk pengangkut."),
        ("hutan ditebangi",
         "hutan di atas {d} ditebangi terus sama orang luar, takutnya nanti banjir"),
        ("illegal logging", "pembalakan liar di hutan {d}"),
        ("Kayu hutan diangkut keluar desa",
         "Kayu gelondongan dari hutan lindung sekitar {d} diangkut keluar tanpa izin."),
    ]),
    "air_pdam": ("24", "PUPR", [
        ("Air bersih tidak mengalir di {d}",
         "Sudah dua minggu air bersih dari jaringan pipa di Desa {d} tidak mengalir. Warga "
         "terpaksa membeli air galon untuk memasak."),
        ("air mati",
         "air di {d} mati udah 2 minggu pak, kami mandi di sungai"),
        ("air tdk ngalir", "air pipa di {d} tdk ngalir 2 mgg"),
        ("Pasokan air bersih terhenti",
         "Sambungan air bersih ke rumah-rumah di {d} terhenti dan tidak ada petugas yang "
         "datang memperbaiki pipa yang bocor."),
    ]),
    "listrik": ("16", "DISPERINDAG", [
        ("Listrik sering padam di {d}",
         "Listrik di Desa {d} padam hampir setiap hari berjam-jam sehingga peralatan elektronik "
         "warga rusak."),
        ("mati lampu terus",
         "listrik di {d} mati lampu terus tiap sore, kulkas tv rusak"),
        ("listrik padam", "listrik {d} padam trs, mhn diteruskan ke pln"),
        ("Pemadaman listrik bergilir tanpa jadwal",
         "Warga {d} mengalami pemadaman listrik tanpa pemberitahuan hampir setiap malam."),
    ]),
    "elpiji": ("16", "DISPERINDAG", [
        ("Gas elpiji 3 kg langka di {d}",
         "Tabung gas elpiji 3 kg sulit didapat di {d} dan dijual pengecer Rp35.000, jauh di "
         "atas harga eceran tertinggi."),
        ("gas melon mahal",
         "gas melon di {d} mahal bgt, 35 ribu, itupun susah dapetnya"),
        ("elpiji langka", "elpiji 3kg langka di {d}, hrg mahal"),
        ("Pangkalan gas menjual di atas HET",
         "Pangkalan LPG di {d} menjual tabung 3 kg lebih mahal dari harga resmi."),
    ]),
    "harga_pasar": ("3", "DISPERINDAG", [
        ("Harga beras naik tajam di pasar {d}",
         "Harga beras dan cabai di pasar {d} naik tajam dalam seminggu, mohon operasi pasar."),
        ("sembako mahal",
         "sembako di pasar {d} mahal semua, beras naik, minyak naik"),
        ("harga naik", "hrg beras di psr {d} naik trs"),
        ("Mohon operasi pasar murah",
         "Kenaikan harga kebutuhan pokok di {d} memberatkan warga, kami meminta pasar murah."),
    ]),
    "timbangan": ("26", "DISPERINDAG", [
        ("Timbangan pedagang tidak akurat di {d}",
         "Banyak pedagang di pasar {d} memakai timbangan yang sudah diakali sehingga pembeli "
         "dirugikan."),
        ("timbangan curang",
         "timbangan di pasar {d} curang, beli sekilo pas ditimbang ulang kurang"),
        ("timbangan", "timbangan pedagang di {d} curang"),
        ("Takaran barang di pasar dikurangi",
         "Pembeli di pasar {d} mendapat takaran yang kurang dari yang dibayar."),
    ]),
    "narkoba": ("22", "KESBANGPOL", [
        ("Peredaran narkoba di {d}",
         "Kami resah dengan peredaran sabu di lingkungan Desa {d}. Banyak pemuda terlibat dan "
         "transaksi dilakukan terang-terangan."),
        ("banyak yg make sabu",
         "di {d} banyak anak muda make sabu pak, bandarnya udah dikenal warga"),
        ("narkoba", "ada bandar sabu di {d}, tlg ditindak"),
        ("Pemuda desa terjerat obat terlarang",
         "Anak-anak muda {d} banyak memakai obat terlarang dan pil koplo, orang tua resah."),
    ]),
    "balap_liar": ("6", "SATPOLPP", [
        ("Balap liar setiap malam di {d}",
         "Setiap malam minggu ada balap liar di jalan lintas {d} yang sangat mengganggu dan "
         "membahayakan pengguna jalan."),
        ("balapan motor malam",
         "anak anak balapan motor tiap malam di {d}, berisik dan bahaya"),
        ("balap liar", "balap liar tiap mlm di jln {d}"),
        ("Kebut-kebutan sepeda motor meresahkan",
         "Remaja kebut-kebutan dengan knalpot brong di jalan {d} sampai larut malam."),
    ]),
    "pkl": ("6", "SATPOLPP", [
        ("Pedagang kaki lima memakan badan jalan {d}",
         "Lapak pedagang kaki lima di depan pasar {d} memakan badan jalan sehingga macet "
         "setiap pagi."),
        ("pedagang jualan di jalan",
         "pedagang di {d} jualan sampe ke tengah jalan, mobil gak bisa lewat"),
        ("pkl", "pkl di pasar {d} tutup jalan"),
        ("Lapak liar di trotoar",
         "Trotoar di pusat {d} penuh lapak dan tenda pedagang, pejalan kaki turun ke jalan."),
    ]),
    "kebakaran": ("6", "SATPOLPP", [
        ("Pemadam kebakaran terlambat datang ke {d}",
         "Saat terjadi kebakaran rumah di Desa {d}, mobil pemadam datang lebih dari dua jam "
         "kemudian dan rumah sudah habis terbakar."),
        ("damkar telat",
         "rumah tetangga di {d} kebakaran, damkar datang telat bgt, udah abis semua"),
        ("damkar lambat", "damkar lambat ke {d}, rmh hangus"),
        ("Pos pemadam kebakaran terlalu jauh",
         "Kebakaran di {d} tidak tertangani karena tidak ada pos pemadam di kecamatan."),
    ]),
    "dana_desa": ("9", "DPMD", [
        ("Dugaan penyelewengan dana desa {d}",
         "Pembangunan yang tercantum dalam APBDes {d} tidak dikerjakan, kami menduga dana desa "
         "diselewengkan oleh kepala desa."),
        ("dana desa ga jelas",
         "dana desa di {d} gak jelas kemana, pembangunan gak ada, kades gak pernah terbuka"),
        ("dana desa", "dana desa {d} tdk transparan, kades diam aja"),
        ("Laporan penggunaan anggaran desa tidak dibuka",
         "Pemerintah desa {d} tidak pernah memasang baliho APBDes dan warga tidak tahu "
         "penggunaan anggaran."),
    ]),
    "perangkat_desa": ("9", "DPMD", [
        ("Kantor desa {d} selalu tutup",
         "Kantor Desa {d} hampir selalu tutup pada jam kerja, warga yang mengurus surat "
         "pengantar tidak dilayani."),
        ("kantor desa tutup",
         "mau urus surat di kantor desa {d} tutup terus, perangkatnya gak ada"),
        ("kades tdk ada", "kantor desa {d} tutup trs, pelayanan surat macet"),
        ("Perangkat desa tidak melayani warga",
         "Sekretaris dan kepala desa {d} jarang di kantor, surat keterangan warga terbengkalai."),
    ]),
    "bumdes": ("9", "DPMD", [
        ("BUMDes {d} tidak aktif",
         "Badan Usaha Milik Desa {d} menerima modal dari dana desa tetapi tidak ada kegiatan "
         "usaha dan laporannya tidak pernah disampaikan."),
        ("bumdes mangkrak",
         "bumdes di {d} mangkrak, modalnya habis gak tau buat apa"),
        ("bumdes", "bumdes {d} tdk jalan, modal hilang"),
        ("Usaha milik desa tidak menghasilkan",
         "Unit usaha desa {d} yang dibiayai anggaran desa tidak berjalan sejak dibentuk."),
    ]),
    "upah": ("19", "DISNAKER", [
        ("Gaji karyawan perusahaan di {d} di bawah UMK",
         "Perusahaan perkebunan di {d} membayar upah pekerja di bawah upah minimum dan tanpa "
         "BPJS Ketenagakerjaan."),
        ("gaji dibawah umr",
         "kerja di kebun sawit dekat {d} gajinya jauh di bawah umr, gak ada bpjs"),
        ("upah rendah", "upah buruh di {d} di bwh UMK"),
        ("Hak pekerja tidak dipenuhi perusahaan",
         "Buruh perusahaan di {d} tidak mendapat upah lembur dan jaminan sosial."),
    ]),
    "phk": ("19", "DISNAKER", [
        ("PHK sepihak tanpa pesangon",
         "Saya pekerja dari {d} diberhentikan sepihak oleh perusahaan tanpa pesangon setelah "
         "bekerja tujuh tahun."),
        ("dipecat gak dapet pesangon",
         "sy di phk tiba2 dr perusahaan dekat {d}, pesangon gak dikasih"),
        ("phk", "di phk tanpa pesangon, perusahaan di {d}"),
        ("Pemutusan hubungan kerja tidak sesuai aturan",
         "Karyawan asal {d} diputus kontrak tanpa surat dan tanpa hak-haknya dibayar."),
    ]),
    "kartu_kuning": ("19", "DISNAKER", [
        ("Pembuatan kartu kuning dipungut biaya",
         "Warga {d} yang membuat kartu pencari kerja (AK-1) dimintai uang oleh petugas."),
        ("bikin kartu kuning bayar",
         "bikin kartu kuning buat ngelamar kerja disuruh bayar, sy dr {d}"),
        ("ak1", "buat kartu kuning dipungut biaya, warga {d}"),
        ("Kartu pencari kerja lama diproses",
         "Pencari kerja dari {d} menunggu lama untuk mendapatkan kartu AK1 padahal syarat "
         "lengkap."),
    ]),
    "sinyal": ("27", "DISKOMINFO", [
        ("Tidak ada sinyal telepon di {d}",
         "Desa {d} belum terjangkau sinyal telepon seluler dan internet, warga harus naik ke "
         "bukit untuk menelepon."),
        ("susah sinyal",
         "di {d} susah sinyal pak, anak sekolah gak bisa belajar online"),
        ("sinyal", "{d} blank spot, tdk ada sinyal hp"),
        ("Desa blank spot butuh menara BTS",
         "Jaringan internet di {d} tidak ada sama sekali, mohon diusulkan pembangunan menara."),
    ]),
    "website": ("27", "DISKOMINFO", [
        ("Website pemerintah kabupaten tidak bisa dibuka",
         "Situs resmi pemerintah kabupaten tidak bisa diakses sejak beberapa hari, saya dari "
         "{d} ingin mencari informasi lowongan."),
        ("web pemkab error",
         "web pemkab error terus, mau cari info gak bisa dibuka. dari {d}"),
        ("website down", "website pemkab down, sy dr {d}"),
        ("Portal informasi daerah tidak dapat diakses",
         "Halaman resmi kabupaten menampilkan galat ketika dibuka dari {d}."),
    ]),
    "wifi_desa": ("27", "DISKOMINFO", [
        ("Wifi gratis di balai desa {d} mati",
         "Fasilitas internet gratis di balai Desa {d} tidak berfungsi sejak tiga bulan."),
        ("wifi desa mati",
         "wifi gratis di balai desa {d} mati terus, udah lama"),
        ("wifi", "wifi balai desa {d} mati"),
        ("Akses internet publik desa rusak",
         "Perangkat internet publik di kantor desa {d} rusak dan tidak ada perbaikan."),
    ]),
    "kua": ("1", "SETDA", [
        ("Biaya nikah di KUA dipungut lebih",
         "Calon pengantin dari {d} dimintai biaya nikah di luar ketentuan oleh oknum petugas."),
        ("biaya nikah mahal",
         "mau nikah di {d} dimintain duit lebih sama petugas, katanya biaya admin"),
        ("biaya nikah", "biaya nikah di {d} dipungut lebih"),
        ("Pungutan pencatatan pernikahan",
         "Warga {d} yang mencatatkan pernikahan dimintai uang tambahan tanpa kuitansi."),
    ]),
    "masjid": ("1", "SETDA", [
        ("Bantuan pembangunan masjid {d} belum cair",
         "Proposal bantuan pembangunan masjid di Desa {d} sudah disetujui tetapi dananya "
         "belum dicairkan."),
        ("bantuan masjid",
         "bantuan buat masjid di {d} katanya udah acc tapi duitnya gak cair cair"),
        ("hibah masjid", "hibah masjid {d} blm cair"),
        ("Dana hibah rumah ibadah tertahan",
         "Dana hibah untuk musala dan masjid di {d} tidak kunjung diterima pengurus."),
    ]),
    "asn_netral": ("20", "BKPSDM", [
        ("ASN ikut kampanye di {d}",
         "Seorang pegawai negeri di {d} terlihat ikut berkampanye dan membagikan atribut "
         "salah satu calon."),
        ("pns kampanye",
         "ada pns di {d} ikut kampanye calon bupati, bagi bagi kaos"),
        ("asn tdk netral", "asn di {d} tdk netral, ikut kampanye"),
        ("Pegawai pemerintah berpihak pada calon",
         "Pegawai kantor kecamatan {k} mengajak warga {d} memilih calon tertentu."),
    ]),
    "pns_bolos": ("29", "BKPSDM", [
        ("Pegawai kantor kecamatan sering bolos",
         "Banyak pegawai di kantor kecamatan dekat {d} tidak masuk kerja dan pulang sebelum "
         "waktunya."),
        ("pegawai bolos",
         "pegawai di kantor camat dekat {d} jam 11 udah pulang semua"),
        ("pns bolos", "pns kantor camat dkt {d} sering bolos"),
        ("Disiplin aparatur rendah",
         "Aparatur sipil di kantor pemerintah dekat {d} datang siang dan kantor kosong saat "
         "jam pelayanan."),
    ]),
    "perempuan_anak": ("5", "DP3A", [
        ("Kekerasan terhadap anak di {d}",
         "Seorang anak di Desa {d} sering dipukuli oleh orang tuanya, tetangga khawatir dan "
         "meminta pendampingan."),
        ("anak dianiaya",
         "ada anak kecil di {d} sering dipukulin bapaknya, kasian, tolong dibantu"),
        ("kdrt", "kdrt di {d}, istri dan anak sering dipukul"),
        ("Perlindungan bagi korban kekerasan rumah tangga",
         "Ibu rumah tangga di {d} menjadi korban kekerasan suaminya dan butuh rumah aman."),
    ]),
    "bullying": ("17", "DISDIK", [
        ("Siswa dirundung di sekolah {d}",
         "Anak kami di SMP dekat {d} dirundung dan dipukul kakak kelas, guru tidak bertindak."),
        ("anak dibully",
         "anak sy di sekolah {d} dibully terus sama temennya sampe gak mau sekolah"),
        ("bullying", "anak dibully di sekolah {d}, guru diam"),
        ("Perundungan murid tidak ditangani",
         "Murid sekolah di {d} menjadi korban perundungan berulang tanpa tindakan sekolah."),
    ]),
    "umkm": ("21", "DISKOPUKM", [
        ("Bantuan modal UMKM tidak diterima",
         "Saya pelaku usaha mikro di {d} terdaftar sebagai penerima bantuan modal tetapi "
         "dananya tidak pernah masuk."),
        ("bantuan umkm",
         "katanya dapet bantuan umkm, udah daftar di {d}, duitnya gak pernah cair"),
        ("bpum", "bantuan usaha mikro blm cair, sy di {d}"),
        ("Pendaftaran bantuan usaha kecil tidak jelas",
         "Koperasi dan usaha kecil di {d} tidak mendapat informasi program bantuan modal."),
    ]),
    "banjir": ("7", "BPBD", [
        ("Banjir merendam rumah warga {d}",
         "Sungai meluap dan banjir merendam puluhan rumah di Desa {d}. Warga membutuhkan "
         "bantuan makanan dan tempat pengungsian."),
        ("kebanjiran",
         "{d} kebanjiran pak, air sampai sepinggang, butuh perahu dan makanan"),
        ("banjir", "banjir di {d}, warga mengungsi"),
        ("Korban banjir belum mendapat bantuan",
         "Warga {d} yang rumahnya terendam air bah belum menerima bantuan logistik."),
    ]),
    "lapor_lambat": ("15", "DISKOMINFO", [
        ("Laporan saya di LAPOR tidak ditanggapi",
         "Laporan yang saya kirim melalui SP4N LAPOR sebulan lalu dari {d} belum ada "
         "tanggapan sama sekali."),
        ("laporan gak dibales",
         "udah lapor lewat aplikasi lapor dari {d} sebulan lalu gak ada balasan"),
        ("lapor tdk ditanggapi", "laporan sy di lapor blm ditanggapi, dr {d}"),
        ("Aduan lewat kanal pengaduan diabaikan",
         "Pengaduan warga {d} yang masuk ke kanal pengaduan daerah tidak pernah diproses."),
    ]),
}

OPENERS = ["", "", "", "Assalamualaikum. ", "Selamat pagi Pak/Bu. ", "Yth. Admin LAPOR, ",
           "Mohon izin melapor. ", "Permisi pak, "]
CLOSINGS = ["", "", "", " Terima kasih.", " Mohon segera ditindaklanjuti.", " Tolong dibantu.",
            " Mohon perhatiannya."]
SMS = {"tidak": "tdk", "yang": "yg", "jalan": "jln", "sudah": "sdh", "dengan": "dgn",
       "untuk": "utk", "karena": "krn", "belum": "blm", "sekarang": "skrg", "bulan": "bln"}


def _villages() -> list[tuple[str, str]]:
    with REGIONS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    districts = {r["kode"]: r["nama"] for r in rows if r["level"] == "kecamatan"}
    return [(r["nama"], districts[r["kode"].rsplit(".", 1)[0]]) for r in rows
            if r["level"] in ("desa", "kelurahan")
            and r["nama"] not in districts.values()]


def _typos(text: str, rng: random.Random, rate: float) -> str:
    out = []
    for word in text.split(" "):
        if len(word) > 5 and word.isalpha() and rng.random() < rate:
            i = rng.randrange(1, len(word) - 1)
            word = word[:i] + word[i + 1:] if rng.random() < 0.5 else (
                word[:i - 1] + word[i] + word[i - 1] + word[i + 1:])
        out.append(word)
    return " ".join(out)


def _sms(text: str) -> str:
    return " ".join(SMS.get(w.lower(), w) for w in text.split(" ")).lower()


def render(kind: tuple[str, str], village: tuple[str, str], rng: random.Random,
           style: str) -> tuple[str, str]:
    """One report of a wording at a village, in a style (plain, sms, typo)."""
    title, body = (part.format(d=village[0], k=village[1]) for part in kind)
    body = rng.choice(OPENERS) + body + rng.choice(CLOSINGS)
    if style == "sms":
        title, body = _sms(title), _sms(body)
    if style in ("sms", "typo"):
        body = _typos(body, rng, 0.12)
    return title, body


def build(seed: int = 18) -> list[dict[str, str]]:
    """Every report of the corpus with its labels, split and duplicate group."""
    rng = random.Random(seed)
    villages = _villages()
    rows: list[dict[str, str]] = []
    for name, (category, opd, wordings) in KINDS.items():
        spots = rng.sample(villages, 4)
        plan = [(0, spots[0], "plain", "train"), (1, spots[1], "plain", "train"),
                (2, spots[2], "sms", "train"), (1, spots[2], "typo", "train"),
                (0, spots[3], "typo", "train"),
                (3, spots[0], rng.choice(["plain", "typo"]), "test"),
                (3, rng.choice([v for v in villages if v not in spots]), "sms", "test")]
        for wording, village, style, split in plan:
            title, body = render(wordings[wording], village, rng, style)
            rows.append({"id": str(len(rows) + 1), "split": split, "title": title[:150],
                         "description": body, "category": category, "opd": opd,
                         "problem": f"{name}@{village[0]}", "kind": name,
                         "village": village[0]})
    return rows


def main() -> None:
    rows = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} reports, {sum(r['split'] == 'test' for r in rows)} held out -> {OUT}")


if __name__ == "__main__":
    main()
